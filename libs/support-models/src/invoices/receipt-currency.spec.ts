import { detectCurrency, receiptCountry } from './receipt-currency.js';

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

describe('receiptCountry', () => {
  it.each([
    [['BHPETROL SDN BHD', 'TOTAL $8.20'], 'MY'],
    [['Joe Cafe LLC', 'Austin, TX 78701'], 'US'],
    [['CORNER DELI', 'TOTAL USD 10.82'], 'US'],
    [['DINER', 'TOTAL $10.82'], 'US'],
    [['PRET A MANGER (EUROPE) LTD', 'TOTAL 9.00'], 'UK'],
    [['BACKHAUS MUELLER GMBH', 'SUMME 9,00'], 'EU'],
    [['SHOP', 'TOTAL £9.00'], 'UK'],
  ])('reads %j as %s', (lines, country) => {
    expect(receiptCountry(lines)).toBe(country);
  });

  it('says nothing without a cue', () => {
    expect(receiptCountry(['TOTAL 9.00'])).toBeUndefined();
  });
});
