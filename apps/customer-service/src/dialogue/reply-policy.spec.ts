import { CONVERSATIONAL_INTENTS } from '../rules/default-answers.js';
import { DEFAULT_RULE_SET } from '../rules/default-rule-set.js';
import { RuleEngine } from '../rules/rule-engine.js';
import type { BotStage } from '../support-options.js';
import { type DialogueState, emptyDialogueState } from './dialogue-state.js';
import { recognizeEntities } from './entity-recognizer.js';
import { decideReply, mergeSlots, type ReplyOutcome } from './reply-policy.js';

const rules = new RuleEngine(DEFAULT_RULE_SET);
const today = new Date('2025-11-28T10:00:00Z');

function turn(
  text: string,
  ranked: [string, number][],
  state: DialogueState = emptyDialogueState(),
  stage: BotStage = 2,
): ReplyOutcome {
  const awaiting = state.pending?.kind === 'slot' ? state.pending.slot : undefined;
  return decideReply({
    stage,
    text,
    state,
    rule: rules.matchRule(text),
    ranked: ranked.map(([intent, probability]) => ({ intent, probability })),
    entities: recognizeEntities(text, { today, awaiting }),
    threshold: 0.75,
    clarification: { minPairProbability: 0.8, maxGap: 0.4 },
    answerFor: (intent) => rules.answerFor(intent),
    isConversational: (intent) => CONVERSATIONAL_INTENTS.has(intent),
  });
}

const nothing: [string, number][] = [
  ['country_support', 0.2],
  ['exchange_rate', 0.1],
];

describe('reply policy', () => {
  describe('stage 1', () => {
    it('answers by rule first, then by a confident model, else hands off', () => {
      expect(turn('hello', [['card_arrival', 0.99]], undefined, 1).decision).toMatchObject({
        kind: 'answer',
        intent: 'greeting',
        answeredBy: 'rule',
      });
      expect(turn('where is my card', [['card_arrival', 0.9]], undefined, 1).decision).toMatchObject({
        kind: 'answer',
        intent: 'card_arrival',
        answeredBy: 'model',
      });
      expect(
        turn(
          'hmm',
          [
            ['card_arrival', 0.5],
            ['card_delivery_estimate', 0.45],
          ],
          undefined,
          1,
        ).decision,
      ).toMatchObject({
        kind: 'handoff',
        reason: 'low-confidence',
      });
    });

    it('answers without asking for slots and keeps no state', () => {
      const sut = turn('My card is not working', [['card_not_working', 0.9]], undefined, 1);
      expect(sut.decision).toMatchObject({ kind: 'answer', intent: 'card_not_working' });
      expect(sut.state.activeIntent).toBeNull();
    });
  });

  describe('stage 2', () => {
    it('asks for a missing slot, fills it from the reply, and carries the topic to "the other card"', () => {
      const first = turn('My card is not working', [['card_not_working', 0.9]]);
      expect(first.decision).toMatchObject({
        kind: 'ask-slot',
        intent: 'card_not_working',
        slot: 'cardType',
      });

      const second = turn("It's my physical card", [['order_physical_card', 0.8]], first.state);
      expect(second.decision).toMatchObject({
        kind: 'answer',
        intent: 'card_not_working',
        answeredBy: 'slot-filling',
      });
      expect(second.state.slots.cardType).toBe('physical');

      const third = turn('and the other card?', nothing, second.state);
      expect(third.decision).toMatchObject({
        kind: 'answer',
        intent: 'card_not_working',
        answeredBy: 'context',
      });
      expect(third.state.slots.cardType).toBe('virtual');
    });

    it('keeps slots from earlier turns (merchant) when the next one brings another (amount)', () => {
      const first = turn('I was charged twice at Tesco', [['transaction_charged_twice', 0.99]]);
      expect(first.decision).toMatchObject({ kind: 'ask-slot', slot: 'amount' });
      const second = turn('25.40', nothing, first.state);
      expect(second.decision).toMatchObject({ kind: 'answer', intent: 'transaction_charged_twice' });
      expect(second.state.slots).toEqual({ merchant: 'Tesco', amount: '25.40' });
    });

    it('asks which of two close intents was meant and resolves the choice', () => {
      const first = turn('I need a refund', [
        ['Refund_not_showing_up', 0.6],
        ['request_refund', 0.35],
      ]);
      expect(first.decision).toEqual({
        kind: 'clarify',
        options: ['Refund_not_showing_up', 'request_refund'],
        confidence: 0.6,
      });
      const byTitle = turn('asking for a refund', nothing, first.state);
      expect(byTitle.decision).toMatchObject({
        kind: 'ask-slot',
        intent: 'request_refund',
        slot: 'merchant',
      });
      const byNumber = turn('the first one', nothing, first.state);
      expect(byNumber.decision).toMatchObject({ kind: 'ask-slot', intent: 'Refund_not_showing_up' });
    });

    it('treats an unrelated answer to a clarification as a new message', () => {
      const first = turn('I need a refund', [
        ['Refund_not_showing_up', 0.6],
        ['request_refund', 0.35],
      ]);
      expect(turn('how do I change my pin', [['change_pin', 0.95]], first.state).decision).toMatchObject({
        kind: 'answer',
        intent: 'change_pin',
      });
    });

    it('hands off on request even in the middle of a topic', () => {
      const first = turn('My card is not working', [['card_not_working', 0.9]]);
      expect(turn('I want to talk to a human', nothing, first.state).decision).toMatchObject({
        kind: 'handoff',
        reason: 'requested',
      });
    });

    it('does not let a greeting change the topic', () => {
      const first = turn('How do I change my PIN?', [['change_pin', 0.95]]);
      const second = turn('thanks', nothing, first.state);
      expect(second.decision).toMatchObject({ kind: 'answer', intent: 'thanks' });
      expect(second.state.activeIntent).toBe('change_pin');
    });

    it('keeps the active topic for a message that only names a slot value, however confident the model is alone', () => {
      const first = turn("My card hasn't arrived", [['card_arrival', 0.99]]);
      // "the physical one" alone reads as order_physical_card (0.76 from the shipped model).
      const second = turn('the physical one', [['order_physical_card', 0.9]], first.state);
      expect(second.decision).toMatchObject({
        kind: 'answer',
        intent: 'card_arrival',
        answeredBy: 'context',
      });
      expect(second.state).toMatchObject({ activeIntent: 'card_arrival', slots: { cardType: 'physical' } });
      // A new question naming the same value does change the topic.
      const third = turn('How do I order a physical card?', [['order_physical_card', 0.95]], second.state);
      expect(third.decision).toMatchObject({
        kind: 'answer',
        intent: 'order_physical_card',
        answeredBy: 'model',
      });
    });
  });

  it('merges slots: new values win and "the other card" flips the card type', () => {
    expect(
      mergeSlots({ cardType: 'virtual', amount: '£1.00' }, { amount: '£2.00', refersToOtherCard: true }),
    ).toEqual({
      cardType: 'physical',
      amount: '£2.00',
    });
  });
});
