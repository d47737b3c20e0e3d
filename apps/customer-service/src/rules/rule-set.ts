// A rule set: what stage 1 answers by itself (rules) and what the bot says for each intent
// (answers). Sets are versioned: publishing writes a new version, and exactly one version is active.
import type { SlotName } from '../dialogue/slots.js';

export type RuleAction = 'answer' | 'handoff';

export interface RuleDefinition {
  /** Unique within its set. */
  name: string;
  intent: string;
  /** Higher first; equal priorities keep their order in the set. */
  priority: number;
  /** Regular expressions (JavaScript syntax, matched case-insensitively); any one may match. */
  patterns: string[];
  /** Words or phrases that must all occur (whole words, any case); empty: patterns only. */
  keywords: string[];
  action: RuleAction;
  /** Replaces the intent's answer for messages this rule matched. */
  answerTemplate: string | null;
}

export interface IntentAnswer {
  intent: string;
  /** How a clarifying question names this intent ("a card that has not arrived"). */
  title: string;
  template: string;
  /** Asked for (stage 2) before answering, in this order. */
  requiredSlots: SlotName[];
}

export interface RuleSetContent {
  rules: RuleDefinition[];
  answers: IntentAnswer[];
}

export interface VersionedRuleSet extends RuleSetContent {
  version: number;
}
