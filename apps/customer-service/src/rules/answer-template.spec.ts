import { renderAnswer, templateProblems, templateSlots } from './answer-template.js';

describe('answer templates', () => {
  it('fills slots, uses fallbacks, and leaves no braces for unknown values', () => {
    const template = 'Your {cardType} card at {merchant|the shop} for {amount}.';
    expect(renderAnswer(template, { cardType: 'virtual', merchant: 'Tesco', amount: '£5.00' })).toBe(
      'Your virtual card at Tesco for £5.00.',
    );
    expect(renderAnswer(template, {})).toBe('Your card at the shop for the amount.');
  });

  it('lists slots and reports unknown slots and stray braces', () => {
    expect(templateSlots('{amount} {merchant|x} {amount}')).toEqual(['amount', 'merchant']);
    expect(templateProblems('Hello {name}')).toEqual(['unknown slot {name}']);
    expect(templateProblems('Hello {amount')).toEqual(['unbalanced braces']);
    expect(templateProblems('Fine {amount|}')).toEqual([]);
  });
});
