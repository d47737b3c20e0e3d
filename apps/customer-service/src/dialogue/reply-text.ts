// Words for a decision: the intent's answer template filled with the conversation's slots, a
// clarifying question naming both candidate intents, a slot prompt, or the handoff notice.
import { renderAnswer } from '../rules/answer-template.js';
import type { RuleEngine } from '../rules/rule-engine.js';
import type { ReplyDecision } from './reply-policy.js';
import { SLOT_PROMPTS, type SlotName, type SlotValues } from './slots.js';

export type ReplyKind =
  | 'rule'
  | 'model'
  | 'context'
  | 'clarification'
  | 'slot-filling'
  | 'clarifying-question'
  | 'slot-prompt'
  | 'handoff';

export interface RenderedReply {
  text: string;
  kind: ReplyKind;
  intent: string | null;
  clarification: { intent: string; title: string }[] | null;
  awaitingSlot: SlotName | null;
}

export const HANDOFF_NOTICE =
  "I'm not sure I understood, so I'm passing you to a member of our team. A person will answer here shortly.";
const REQUESTED_HANDOFF_NOTICE =
  'I am passing you to a member of our team. A person will answer here shortly.';

/** "card_arrival" -> "card arrival", for intents without an answer entry. */
export function humanizeIntent(intent: string): string {
  return intent.replace(/[_?]+/g, ' ').trim().toLowerCase();
}

export function renderReply(decision: ReplyDecision, slots: SlotValues, rules: RuleEngine): RenderedReply {
  const titleOf = (intent: string) => rules.answerFor(intent)?.title ?? humanizeIntent(intent);
  switch (decision.kind) {
    case 'answer': {
      const template =
        decision.ruleTemplate ??
        rules.answerFor(decision.intent)?.template ??
        `I understand your question is about ${titleOf(decision.intent)}. A member of our team can give you the details.`;
      return {
        text: renderAnswer(template, slots),
        kind: decision.answeredBy,
        intent: decision.intent,
        clarification: null,
        awaitingSlot: null,
      };
    }
    case 'clarify': {
      const [first, second] = decision.options.map((intent) => ({ intent, title: titleOf(intent) }));
      return {
        text: `Just to be sure: is your question about ${first.title}, or about ${second.title}?`,
        kind: 'clarifying-question',
        intent: null,
        clarification: [first, second],
        awaitingSlot: null,
      };
    }
    case 'ask-slot':
      return {
        text: `I can help with ${titleOf(decision.intent)}. ${SLOT_PROMPTS[decision.slot]}`,
        kind: 'slot-prompt',
        intent: decision.intent,
        clarification: null,
        awaitingSlot: decision.slot,
      };
    case 'handoff': {
      const requested = decision.intent ? rules.answerFor(decision.intent)?.template : undefined;
      return {
        text: decision.reason === 'requested' ? (requested ?? REQUESTED_HANDOFF_NOTICE) : HANDOFF_NOTICE,
        kind: 'handoff',
        intent: decision.intent,
        clarification: null,
        awaitingSlot: null,
      };
    }
  }
}
