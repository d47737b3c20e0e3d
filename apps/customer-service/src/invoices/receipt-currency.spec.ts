import { detectCurrency } from './receipt-currency.js';

describe('detectCurrency', () => {
  it.each([
    [['TOTAL RM 54.50'], 'MYR'],
    [['AMOUNT MYR 12.00'], 'MYR'],
    [['Total £9.00'], 'GBP'],
    [['TOTAL GBP 9.00'], 'GBP'],
    [['Summe 12,40 €'], 'EUR'],
    [['BHPETROL SDN BHD', 'TOTAL $8.20'], 'MYR'],
    [['Joe Cafe LLC', 'Austin, TX 78701', 'Sales tax $0.82', 'Total $10.82'], 'USD'],
    [['PRET A MANGER (EUROPE) LTD', 'VAT NO 123 4567 89', 'TOTAL 9.00'], 'GBP'],
  ])('reads %j as %s', (lines, code) => {
    expect(detectCurrency(lines)?.code).toBe(code);
  });

  it('says nothing without a cue', () => {
    expect(detectCurrency(['TOTAL 9.00'])).toBeUndefined();
  });
});
