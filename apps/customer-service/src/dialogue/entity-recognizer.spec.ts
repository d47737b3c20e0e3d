import {
  otherCardType,
  recognizeAmount,
  recognizeDate,
  recognizeEntities,
  recognizeMerchant,
} from './entity-recognizer.js';

const today = new Date('2025-11-28T10:00:00Z'); // a Friday

describe('entity recognizer', () => {
  it('reads a message with several slots', () => {
    expect(recognizeEntities('I was charged twice at Tesco for £25.40 yesterday', { today })).toEqual({
      amount: '£25.40',
      date: '2025-11-27',
      merchant: 'Tesco',
    });
  });

  it('normalises amounts written with symbols or currency words', () => {
    expect(recognizeAmount('it was 1,250 euros')).toBe('€1250.00');
    expect(recognizeAmount('$20')).toBe('$20.00');
    expect(recognizeAmount('100 GBP')).toBe('£100.00');
  });

  it('takes a bare number as an amount only when one was asked for', () => {
    expect(recognizeAmount('25')).toBeUndefined();
    expect(recognizeAmount('25', { bareNumber: true })).toBe('25.00');
  });

  it('resolves relative and written dates against today', () => {
    expect(recognizeDate('3 days ago', today)).toBe('2025-11-25');
    expect(recognizeDate('last Friday', today)).toBe('2025-11-21');
    expect(recognizeDate('on Monday', today)).toBe('2025-11-24');
    expect(recognizeDate('on 3rd March', today)).toBe('2025-03-03');
    expect(recognizeDate('December 24', today)).toBe('2024-12-24');
    expect(recognizeDate('05/11/2025', today)).toBe('2025-11-05');
    expect(recognizeDate('31/02/2025', today)).toBeUndefined();
    expect(recognizeDate('a week ago', today)).toBe('2025-11-21');
    expect(recognizeDate('it was on Dec 24th', today)).toBe('2024-12-24');
    expect(recognizeDate('5/11', today)).toBe('2025-11-05');
    expect(recognizeDate('Nov 5 2025', today)).toBe('2025-11-05');
    expect(recognizeDate('this morning', today)).toBe('2025-11-28');
  });

  it('takes no date from a time, a month alone or a reference number', () => {
    expect(recognizeDate('at 3pm', today)).toBeUndefined();
    expect(recognizeDate('sometime in March', today)).toBeUndefined();
    expect(recognizeDate('transaction TX-482913 for 25.40', today)).toBeUndefined();
  });

  it('parses long adversarial messages without failing', () => {
    // The message limit is 1,000 characters; 20x that of date-like fragments still parses.
    for (const piece of ['1/', 'on monday ', 'December ', '3 days ']) {
      const text = piece.repeat(Math.ceil(20_000 / piece.length));
      expect(() => recognizeDate(text, today)).not.toThrow();
    }
  });

  it('finds merchants by capitalisation after a preposition or by the gazetteer', () => {
    expect(recognizeMerchant('a payment to Green Grocer Ltd')).toBe('Green Grocer Ltd');
    expect(recognizeMerchant('my netflix subscription')).toBe('Netflix');
    expect(recognizeMerchant('at the ATM on Monday')).toBeUndefined();
  });

  it('recognises card types, references and "the other card"', () => {
    expect(recognizeEntities('my disposable virtual card, transaction TX-482913', { today })).toEqual({
      cardType: 'disposable virtual',
      transactionId: 'TX-482913',
    });
    expect(recognizeEntities('and the other card?', { today })).toEqual({ refersToOtherCard: true });
    expect(otherCardType('physical')).toBe('virtual');
    expect(otherCardType('virtual')).toBe('physical');
  });
});
