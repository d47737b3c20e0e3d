import { DEFAULT_RULE_SET } from '../rules/default-rule-set.js';
import { RuleEngine } from '../rules/rule-engine.js';
import { queueAcknowledgement, stillQueuedNote, urgentIntentOf } from './waiting-replies.js';

const rules = new RuleEngine(DEFAULT_RULE_SET);
const ranked = (...pairs: [string, number][]) =>
  pairs.map(([intent, probability]) => ({ intent, probability }));

describe('replies while waiting for a person', () => {
  it('treats a message as urgent when its urgent intents together reach the threshold', () => {
    const split = ranked(['lost_or_stolen_card', 0.51], ['compromised_card', 0.46], ['atm_support', 0.02]);
    expect(urgentIntentOf(undefined, split, 0.74)).toEqual({
      intent: 'lost_or_stolen_card',
      confidence: 0.97,
      answeredBy: 'model',
    });
  });

  it('does not call a message urgent on a weak or non-urgent ranking', () => {
    expect(
      urgentIntentOf(undefined, ranked(['lost_or_stolen_card', 0.5], ['card_arrival', 0.4]), 0.74),
    ).toBeNull();
    expect(urgentIntentOf(undefined, ranked(['card_arrival', 0.99]), 0.74)).toBeNull();
  });

  it('takes an urgent rule at once, and ignores non-urgent rules', () => {
    const text = 'I lost my phone';
    expect(urgentIntentOf(rules.matchRule(text), ranked(['card_arrival', 0.9]), 0.74)).toMatchObject({
      intent: 'lost_or_stolen_phone',
      answeredBy: 'rule',
    });
    expect(urgentIntentOf(rules.matchRule('hello'), ranked(['greeting', 1]), 0.74)).toBeNull();
  });

  it('acknowledges with the place in the queue and the usual wait when known', () => {
    expect(queueAcknowledgement({ position: 3, expectedWaitSeconds: 250 })).toBe(
      'Thanks, your message is with our team. You are number 3 in the queue. The wait is usually about 4 minutes.',
    );
    expect(queueAcknowledgement({ position: 1, expectedWaitSeconds: null })).toBe(
      'Thanks, your message is with our team. You are number 1 in the queue.',
    );
    expect(queueAcknowledgement({ position: null, expectedWaitSeconds: 60 })).toMatch(
      /has your conversation/,
    );
    expect(stillQueuedNote({ position: 2, expectedWaitSeconds: null })).toMatch(/number 2 in the queue/);
  });
});
