// How the bot's first reply to a message does on labelled data (Banking77 rows): the share it
// answers on its own (coverage) and how often that answer is the right intent (precision), per stage.
// For stage 2 a clarifying question counts as resolved when the right intent is one of its two options
// (the customer picks it on the next turn).
import { CONVERSATIONAL_INTENTS } from '../rules/default-answers.js';
import type { IntentScore } from '../intent/intent-classifier.js';
import type { IntentModelSpec } from '@suite/support-models';
import type { RuleEngine } from '../rules/rule-engine.js';
import type { BotStage } from '../support-options.js';
import { emptyDialogueState } from './dialogue-state.js';
import { decideReply } from './reply-policy.js';

export interface LabelledRanking {
  text: string;
  truth: string;
  ranked: readonly IntentScore[];
}

export interface AnswerFigures {
  answered: number;
  correct: number;
  precision: number;
}

export interface StageReport {
  stage: BotStage;
  n: number;
  /** Share of messages the bot answered without a person (stage 2: clarifications resolved included). */
  coverage: number;
  /** Share of answered messages answered with the right intent. */
  precision: number;
  byRule: AnswerFigures;
  byModel: AnswerFigures;
  /** Stage 2 only: clarifying questions asked, and how often the right intent was offered. */
  clarifications?: AnswerFigures;
  /** Messages that asked for a slot first (stage 2) are counted as answers of their intent. */
  handedOff: number;
}

function figures(answered: number, correct: number): AnswerFigures {
  return { answered, correct, precision: answered > 0 ? correct / answered : 0 };
}

export function evaluateStage(
  stage: BotStage,
  rows: readonly LabelledRanking[],
  rules: RuleEngine,
  spec: Pick<IntentModelSpec, 'threshold' | 'clarification'>,
): StageReport {
  const tally = { rule: [0, 0], model: [0, 0], clarify: [0, 0], handoff: 0 };
  for (const row of rows) {
    const { decision } = decideReply({
      stage,
      text: row.text,
      state: emptyDialogueState(),
      rule: rules.matchRule(row.text),
      ranked: row.ranked,
      entities: {},
      threshold: spec.threshold,
      clarification: spec.clarification,
      answerFor: (intent) => rules.answerFor(intent),
      isConversational: (intent) => CONVERSATIONAL_INTENTS.has(intent),
    });
    switch (decision.kind) {
      case 'answer':
      case 'ask-slot': {
        const bucket =
          decision.kind === 'answer' && decision.answeredBy === 'rule' ? tally.rule : tally.model;
        bucket[0]++;
        if (decision.intent === row.truth) bucket[1]++;
        break;
      }
      case 'clarify':
        tally.clarify[0]++;
        if (decision.options.includes(row.truth)) tally.clarify[1]++;
        break;
      case 'handoff':
        tally.handoff++;
        break;
    }
  }
  const answered = tally.rule[0] + tally.model[0] + tally.clarify[0];
  const correct = tally.rule[1] + tally.model[1] + tally.clarify[1];
  return {
    stage,
    n: rows.length,
    coverage: rows.length > 0 ? answered / rows.length : 0,
    precision: answered > 0 ? correct / answered : 0,
    byRule: figures(tally.rule[0], tally.rule[1]),
    byModel: figures(tally.model[0], tally.model[1]),
    ...(stage === 1 ? {} : { clarifications: figures(tally.clarify[0], tally.clarify[1]) }),
    handedOff: tally.handoff,
  };
}
