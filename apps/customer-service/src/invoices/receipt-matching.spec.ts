import { matchReceipt, merchantSimilarity } from './receipt-matching.js';
import type { RecordedTransaction } from './transactions.repository.js';

const tx = (
  id: string,
  merchant: string,
  amount: string,
  occurredOn = '2018-03-06',
): RecordedTransaction => ({
  id,
  externalId: id,
  merchant,
  amount,
  currency: 'MYR',
  occurredOn,
});

const receipt = { merchant: 'SYL ROASTED DELIGHTS SDN. BHD.', date: '2018-03-06', total: '54.50' };

describe('matchReceipt', () => {
  it('finds nothing wrong when one charge from the merchant has the receipt total', () => {
    const sut = matchReceipt(receipt, [
      tx('a', 'SYL ROASTED DELIGHTS', '54.50'),
      tx('b', 'TESCO', '54.50', '2018-01-01'),
    ]);
    expect(sut).toMatchObject({ problem: 'none', transactionIds: ['a'] });
  });

  it('names a duplicate charge: two charges of the total from the merchant', () => {
    const sut = matchReceipt(receipt, [
      tx('a', 'SYL ROASTED DELIGHTS', '54.50'),
      tx('b', 'Syl Roasted Delights Sdn Bhd', '54.50', '2018-03-07'),
    ]);
    expect(sut.problem).toBe('duplicate_charge');
    expect(sut.transactionIds).toEqual(['a', 'b']);
  });

  it('names an amount mismatch: a charge from the merchant of another amount', () => {
    const sut = matchReceipt(receipt, [
      tx('a', 'SYL ROASTED DELIGHTS', '64.50'),
      tx('c', 'SYL ROASTED DELIGHTS', '99.00'),
    ]);
    expect(sut.problem).toBe('amount_mismatch');
    expect(sut.transactionIds[0]).toBe('a');
    expect(sut.explanation).toContain('54.50');
    expect(sut.explanation).toContain('64.50');
  });

  it('names an unknown merchant, pointing at a same-amount charge under another name', () => {
    const sut = matchReceipt(receipt, [tx('x', 'PAYPAL *XYZ TRADING', '54.50')]);
    expect(sut.problem).toBe('unknown_merchant');
    expect(sut.transactionIds).toEqual(['x']);
  });

  it('ignores charges outside the date window', () => {
    expect(matchReceipt(receipt, [tx('a', 'SYL ROASTED DELIGHTS', '54.50', '2018-04-06')]).problem).toBe(
      'unknown_merchant',
    );
  });
});

describe('merchantSimilarity', () => {
  it('ignores legal suffixes, case and punctuation', () => {
    expect(merchantSimilarity('MR. D.I.Y. (M) SDN BHD', 'MR DIY')).toBe(1);
    expect(merchantSimilarity('GARDENIA BAKERIES (KL) SDN BHD', 'TESCO EXTRA')).toBeLessThan(0.3);
  });
});
