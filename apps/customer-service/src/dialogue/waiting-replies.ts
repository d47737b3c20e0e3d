// What the bot says while a conversation waits for a person: never nothing. A message about an urgent
// safety matter (a lost, stolen or compromised card, a payment the customer does not recognise) gets
// the safety answer at once, because freezing a card cannot wait for the queue; every other message
// gets an acknowledgement with the customer's place in the queue and, when known, the expected wait.
import type { IntentScore } from '../intent/intent-classifier.js';
import type { RuleMatch } from '../rules/rule-engine.js';

export const URGENT_INTENTS: ReadonlySet<string> = new Set([
  'lost_or_stolen_card',
  'compromised_card',
  'lost_or_stolen_phone',
  'card_payment_not_recognised',
  'cash_withdrawal_not_recognised',
  'direct_debit_payment_not_recognised',
]);

/**
 * The urgent intent of a message: a rule's, or the model's most probable urgent intent when the
 * urgent intents of its ranking together reach the answer threshold. Their advice is the same (freeze
 * the card, report the payment), so "stolen or compromised?" need not be settled before giving it:
 * "I think someone stole my card" is 0.51 stolen and 0.46 compromised, 0.98 urgent.
 */
export function urgentIntentOf(
  rule: RuleMatch | undefined,
  ranked: readonly IntentScore[],
  threshold: number,
): { intent: string; confidence: number; answeredBy: 'rule' | 'model' } | null {
  if (rule && rule.rule.action === 'answer' && URGENT_INTENTS.has(rule.rule.intent))
    return { intent: rule.rule.intent, confidence: 1, answeredBy: 'rule' };
  const urgent = ranked.filter((r) => URGENT_INTENTS.has(r.intent));
  const mass = urgent.reduce((s, r) => s + r.probability, 0);
  if (urgent.length > 0 && mass >= threshold)
    return { intent: urgent[0].intent, confidence: mass, answeredBy: 'model' };
  return null;
}

export interface QueuePlace {
  /** 1 = next to be picked up; null once a person has claimed the conversation. */
  position: number | null;
  /** Median wait of recently claimed handoffs; null when there were none to go by. */
  expectedWaitSeconds: number | null;
}

export function queueAcknowledgement(place: QueuePlace): string {
  if (place.position === null)
    return 'Thanks, a member of our team has your conversation and will reply here.';
  const wait =
    place.expectedWaitSeconds === null
      ? ''
      : ` The wait is usually about ${minutes(place.expectedWaitSeconds)}.`;
  return `Thanks, your message is with our team. You are number ${place.position} in the queue.${wait}`;
}

/** Said after an urgent answer, so the customer knows the person is still coming. */
export function stillQueuedNote(place: QueuePlace): string {
  return place.position === null
    ? ' A member of our team has your conversation too.'
    : ` A member of our team will still answer here; you are number ${place.position} in the queue.`;
}

function minutes(seconds: number): string {
  const m = Math.max(1, Math.round(seconds / 60));
  return m === 1 ? 'a minute' : `${m} minutes`;
}
