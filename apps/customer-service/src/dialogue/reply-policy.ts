// The bot's decision for one customer message, as a pure function of what was recognised, so that the
// service, the CLI's stage report and the tests all run the same policy.
// Stage 1: a rule, else the model when its confidence reaches the threshold, else a person.
// Stage 2 adds context: answers to the bot's own pending question (which intent, which slot), rules,
// the confident model, follow-ups that carry the topic and slots over ("and the other card?"), a
// clarifying question when the two best intents are close, and slot filling before answering.
import { type ClarificationCutoffs, isCloseCall } from '@suite/support-models';
import type { IntentScore } from '../intent/intent-classifier.js';
import type { RuleMatch } from '../rules/rule-engine.js';
import type { IntentAnswer } from '../rules/rule-set.js';
import type { BotStage } from '../support-options.js';
import type { DialogueState, PendingQuestion } from './dialogue-state.js';
import { otherCardType, type RecognizedEntities } from './entity-recognizer.js';
import type { SlotName, SlotValues } from './slots.js';

export type AnsweredBy = 'rule' | 'model' | 'context' | 'clarification' | 'slot-filling';

export type ReplyDecision =
  | {
      kind: 'answer';
      intent: string;
      confidence: number;
      answeredBy: AnsweredBy;
      ruleTemplate: string | null;
    }
  | { kind: 'clarify'; options: [string, string]; confidence: number }
  | { kind: 'ask-slot'; intent: string; slot: SlotName; confidence: number }
  | { kind: 'handoff'; reason: 'requested' | 'low-confidence'; intent: string | null; confidence: number };

export interface ReplyContext {
  stage: BotStage;
  text: string;
  state: DialogueState;
  rule: RuleMatch | undefined;
  /** Model ranking, best first (at least two entries for clarifications). */
  ranked: readonly IntentScore[];
  entities: RecognizedEntities;
  threshold: number;
  clarification: ClarificationCutoffs;
  answerFor(intent: string): IntentAnswer | undefined;
  /** Intents that do not change the topic (greetings, thanks). */
  isConversational(intent: string): boolean;
}

export interface ReplyOutcome {
  decision: ReplyDecision;
  state: DialogueState;
}

const FOLLOW_UP =
  /^\s*(and|what\s+about|how\s+about|also|same\s+for|ok(ay)?,?\s+and|but\s+what\s+about)\b|\bthe\s+other\s+(card|one)\b|\b(as\s+well|too)\s*\?*\s*$/i;
const FIRST_OPTION = /^\s*(1|one|first|the\s+first(\s+one)?|option\s+1|the\s+former)\s*[.!]?\s*$/i;
const SECOND_OPTION = /^\s*(2|two|second|the\s+second(\s+one)?|option\s+2|the\s+latter)\s*[.!]?\s*$/i;

/** Slots after this message: new values win; "the other card" flips the card type in context. */
export function mergeSlots(previous: SlotValues, entities: RecognizedEntities): SlotValues {
  const merged: SlotValues = { ...previous };
  for (const [name, value] of Object.entries(entities))
    if (name !== 'refersToOtherCard' && typeof value === 'string') merged[name as SlotName] = value;
  if (entities.refersToOtherCard && !entities.cardType && previous.cardType)
    merged.cardType = otherCardType(previous.cardType);
  return merged;
}

function chosenOption(
  text: string,
  pending: Extract<PendingQuestion, { kind: 'clarification' }>,
  ctx: ReplyContext,
): string | undefined {
  if (FIRST_OPTION.test(text)) return pending.options[0];
  if (SECOND_OPTION.test(text)) return pending.options[1];
  const said = text
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, '');
  return pending.options.find(
    (intent) => intent.toLowerCase() === said || ctx.answerFor(intent)?.title.toLowerCase() === said,
  );
}

export function decideReply(ctx: ReplyContext): ReplyOutcome {
  return ctx.stage === 1 ? decideStageOne(ctx) : decideWithContext(ctx);
}

function topScore(ctx: ReplyContext): IntentScore {
  return ctx.ranked[0] ?? { intent: '', probability: 0 };
}

function decideStageOne(ctx: ReplyContext): ReplyOutcome {
  // No memory in stage 1: only this message's slots fill the answer.
  const state: DialogueState = { activeIntent: null, slots: mergeSlots({}, ctx.entities), pending: null };
  const top = topScore(ctx);
  if (ctx.rule) return { decision: fromRule(ctx.rule), state };
  if (top.probability >= ctx.threshold)
    return { decision: answer(top.intent, top.probability, 'model'), state };
  return {
    decision: { kind: 'handoff', reason: 'low-confidence', intent: null, confidence: top.probability },
    state,
  };
}

function decideWithContext(ctx: ReplyContext): ReplyOutcome {
  const previous = ctx.state;
  const slots = mergeSlots(previous.slots, ctx.entities);
  const top = topScore(ctx);
  const pending = previous.pending;

  // 1. The customer answers the bot's own question.
  if (pending?.kind === 'clarification') {
    const chosen = chosenOption(ctx.text, pending, ctx);
    if (chosen) return answerWithSlots(ctx, chosen, 1, 'clarification', null, slots);
  }
  if (pending?.kind === 'slot' && ctx.entities[pending.slot] !== undefined)
    return answerWithSlots(ctx, pending.intent, 1, 'slot-filling', null, slots);

  // 2. A message that only names a slot value ("the physical one", "at Tesco") continues the topic:
  // it is an answer in the conversation, not a new question, however the model reads it alone.
  const topic = previous.activeIntent;
  if (topic && isSlotOnlyFragment(ctx.text, ctx.entities) && !ctx.rule)
    return answerWithSlots(ctx, topic, top.probability, 'context', null, slots);

  // 3. Rules, then the confident model: a new question, whatever was pending.
  if (ctx.rule) {
    if (ctx.rule.rule.action === 'handoff') return handoff(ctx, 'requested', ctx.rule.rule.intent, 1, slots);
    return answerWithSlots(ctx, ctx.rule.rule.intent, 1, 'rule', ctx.rule.rule.answerTemplate, slots);
  }
  if (top.probability >= ctx.threshold)
    return answerWithSlots(ctx, top.intent, top.probability, 'model', null, slots);

  // 4. A follow-up on the current topic: same intent, slots carried over and updated.
  const addsSlots = Object.keys(ctx.entities).length > 0;
  if (topic && (FOLLOW_UP.test(ctx.text) || (addsSlots && ctx.text.trim().split(/\s+/).length <= 6)))
    return answerWithSlots(ctx, topic, top.probability, 'context', null, slots);

  // 5. Two close candidates: ask which one.
  if (ctx.ranked.length >= 2 && isCloseCall(ctx.ranked, ctx.threshold, ctx.clarification)) {
    const options: [string, string] = [ctx.ranked[0].intent, ctx.ranked[1].intent];
    return {
      decision: { kind: 'clarify', options, confidence: top.probability },
      state: { activeIntent: previous.activeIntent, slots, pending: { kind: 'clarification', options } },
    };
  }
  return handoff(ctx, 'low-confidence', null, top.probability, slots);
}

// Words that carry no question of their own around a slot value.
const FRAGMENT_FILLER = new Set(
  "the a an my one ones it its it's is was card cards please i i'm mean meant that this for on at of from yes no ok okay oh sorry just".split(
    ' ',
  ),
);

/** A recognised slot value and at most one other word beyond filler (the value itself). */
export function isSlotOnlyFragment(text: string, entities: RecognizedEntities): boolean {
  const named = Object.entries(entities).some(([k, v]) => k !== 'refersToOtherCard' && typeof v === 'string');
  if (!named) return false;
  const words = text
    .toLowerCase()
    .split(/[^a-z0-9£$€.,'/-]+/)
    .filter((w) => w.length > 0);
  return words.length <= 6 && words.filter((w) => !FRAGMENT_FILLER.has(w)).length <= 1;
}

function answerWithSlots(
  ctx: ReplyContext,
  intent: string,
  confidence: number,
  answeredBy: AnsweredBy,
  ruleTemplate: string | null,
  slots: SlotValues,
): ReplyOutcome {
  const missing = ctx.answerFor(intent)?.requiredSlots.find((s) => slots[s] === undefined);
  if (missing && !ruleTemplate)
    return {
      decision: { kind: 'ask-slot', intent, slot: missing, confidence },
      state: { activeIntent: intent, slots, pending: { kind: 'slot', intent, slot: missing } },
    };
  const activeIntent = ctx.isConversational(intent) ? ctx.state.activeIntent : intent;
  return {
    decision: { kind: 'answer', intent, confidence, answeredBy, ruleTemplate },
    state: { activeIntent, slots, pending: null },
  };
}

function handoff(
  ctx: ReplyContext,
  reason: 'requested' | 'low-confidence',
  intent: string | null,
  confidence: number,
  slots: SlotValues,
): ReplyOutcome {
  return {
    decision: { kind: 'handoff', reason, intent, confidence },
    state: { activeIntent: ctx.state.activeIntent, slots, pending: null },
  };
}

function fromRule(match: RuleMatch): ReplyDecision {
  const { rule } = match;
  return rule.action === 'handoff'
    ? { kind: 'handoff', reason: 'requested', intent: rule.intent, confidence: 1 }
    : {
        kind: 'answer',
        intent: rule.intent,
        confidence: 1,
        answeredBy: 'rule',
        ruleTemplate: rule.answerTemplate,
      };
}

function answer(intent: string, confidence: number, answeredBy: AnsweredBy): ReplyDecision {
  return { kind: 'answer', intent, confidence, answeredBy, ruleTemplate: null };
}
