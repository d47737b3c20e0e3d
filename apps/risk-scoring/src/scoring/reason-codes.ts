// Adverse-action reasons (ECOA / Reg B 12 CFR 1002.9 asks for the principal reasons, specific and
// plain): the reason groups whose contribution to the log-odds of default exceeds their average over
// the training population, largest first, at most four. For a linear scorecard this difference is the
// exact SHAP value of the group (Lundberg & Lee 2017, linear models with independent features).
// Where the model penalises both ends of a factor (a balance that is high, or very low; a limit use
// that falls), the text follows the applicant's side; a reason is given only when its precondition
// (reason-preconditions.ts) holds on the facts, and never beside one it contradicts.
// Codes are stable: a code never changes meaning; new reasons get new codes.
import type { AccountFacts, ReasonGroup, ReasonReferences } from '@suite/risk-models';
import { contradicts, reasonHolds } from './reason-preconditions.js';

export const REASON_CATALOGUE = {
  RC01: 'The most recent payment was late.',
  RC02: 'Payments were late in the last six months.',
  RC03: 'The balance is high compared with the credit limit.',
  RC04: 'Use of the credit limit rose over the last six months.',
  RC05: 'Recent payments were small.',
  RC06: 'The outstanding balance is high.',
  RC07: 'The credit limit is low.',
  RC08: 'The account has had little or no recent use.',
  RC09: 'The outstanding balance is low.',
  RC10: 'Use of the credit limit fell or stayed flat over the last six months.',
} as const;

export type ReasonCode = keyof typeof REASON_CATALOGUE;

/** Training medians that decide the side of two-sided factors (stored on the model card). */
export type { ReasonReferences };

/**
 * The code a group's contribution is reported under, by the applicant's facts; null where no code
 * would be true (a moderate utilisation, a moderate limit). Two groups can share a code (a nil
 * utilisation and an unused account are both "little or no recent use").
 */
export function reasonCodeOf(
  group: ReasonGroup,
  facts: AccountFacts,
  references: ReasonReferences,
): ReasonCode | null {
  const code = candidateCodeOf(group, facts, references);
  return reasonHolds(code, facts, references) ? code : null;
}

function candidateCodeOf(group: ReasonGroup, facts: AccountFacts, references: ReasonReferences): ReasonCode {
  switch (group) {
    case 'delinquency-recent':
      return 'RC01';
    case 'delinquency-history':
      return 'RC02';
    case 'utilisation':
      return reasonHolds('RC08', facts, references) ? 'RC08' : 'RC03';
    case 'utilisation-trend':
      return reasonHolds('RC04', facts, references) ? 'RC04' : 'RC10';
    case 'payments':
      return 'RC05';
    case 'balance':
      if (facts.balanceMean <= 0) return 'RC08';
      return facts.balanceMean >= references.balanceMean ? 'RC06' : 'RC09';
    case 'limit':
      return 'RC07';
    case 'activity':
      return 'RC08';
  }
}

export const MAX_REASONS = 4;
/** Differences below this (in log-odds) are noise, not reasons. */
export const MIN_REASON_IMPACT = 0.01;

export interface AdverseReason {
  code: ReasonCode;
  text: string;
  /** How much this factor raised the log-odds of default above the average applicant's. */
  impact: number;
}

export function adverseActionReasons(
  groupContributions: Record<ReasonGroup, number>,
  baselines: Partial<Record<ReasonGroup, number>>,
  facts: AccountFacts,
  references: ReasonReferences,
  limit = MAX_REASONS,
): AdverseReason[] {
  const impacts = new Map<ReasonCode, number>();
  for (const group of Object.keys(groupContributions) as ReasonGroup[]) {
    const code = reasonCodeOf(group, facts, references);
    if (code === null) continue;
    impacts.set(code, (impacts.get(code) ?? 0) + groupContributions[group] - (baselines[group] ?? 0));
  }
  const ranked = [...impacts]
    .map(([code, impact]) => ({ code, impact }))
    .filter((r) => r.impact > MIN_REASON_IMPACT)
    .sort((a, b) => b.impact - a.impact || a.code.localeCompare(b.code));
  // Of two reasons that read as denying each other, the larger keeps its place.
  const chosen: typeof ranked = [];
  for (const r of ranked)
    if (chosen.length < limit && !chosen.some((c) => contradicts(c.code, r.code))) chosen.push(r);
  return chosen.map((r) => ({
    code: r.code,
    text: REASON_CATALOGUE[r.code],
    impact: Math.round(r.impact * 1000) / 1000,
  }));
}
