// When each adverse-action reason is a true statement about the applicant. A reason code is only
// given when its precondition holds on the same account facts the narrative is written from, with the
// narrative's own thresholds, so that a notice never says what the narrative (or the account) denies.
// A model can raise the log-odds through a factor whose plain-words reason would be false (the
// scorecard penalises a nil balance as well as a high one); that factor then gives no reason.
import {
  type AccountFacts,
  COVERAGE_LEVELS,
  LIMIT_LEVELS,
  TREND_STEADY,
  UTILISATION_HIGH,
} from '@suite/risk-models';
import type { ReasonCode, ReasonReferences } from './reason-codes.js';

/** Latest utilisation below this is "little use" (the narrative prints it as 0-4 %, "nil" or "low"). */
export const LITTLE_USE = 0.045;
/** Average share of the previous bill paid below which payments are "small" ("part of the balance" or less). */
export const SMALL_PAYMENT_COVERAGE = COVERAGE_LEVELS.find(([, name]) => name === 'part of the balance')![0];
const LOW_LIMIT = LIMIT_LEVELS.find(([, name]) => name === 'low')![0];

export const REASON_PRECONDITIONS: Record<
  ReasonCode,
  (facts: AccountFacts, references: ReasonReferences) => boolean
> = {
  // "The most recent payment was late."
  RC01: (f) => f.latestMonthsLate >= 1,
  // "Payments were late in the last six months."
  RC02: (f) => f.lateMonths >= 1,
  // "The balance is high compared with the credit limit.": the narrative's "high" or above.
  RC03: (f) => !f.inactive && f.utilisation[0] >= UTILISATION_HIGH,
  // "Use of the credit limit rose over the last six months.": the narrative says "rose".
  RC04: (f) => !f.inactive && f.utilisationTrend >= TREND_STEADY,
  // "Recent payments were small.": something was due, and the narrative says "nothing", "little" or
  // "part of the balance", or that nothing was paid in a month with a balance due.
  RC05: (f) =>
    f.paymentCoverageMean !== null &&
    (f.paymentCoverageMean < SMALL_PAYMENT_COVERAGE || f.missedPayments > 0),
  // "The outstanding balance is high.": above the training median.
  RC06: (f, r) => f.balanceMean >= r.balanceMean && f.balanceMean > 0,
  // "The credit limit is low.": the narrative's "low" limit.
  RC07: (f) => f.creditLimit < LOW_LIMIT,
  // "The account has had little or no recent use."
  RC08: (f) => f.inactive || f.utilisation[0] < LITTLE_USE,
  // "The outstanding balance is low.": a balance, below the training median (a nil balance is
  // "no recent use", RC08, not a low balance).
  RC09: (f, r) => f.balanceMean > 0 && f.balanceMean < r.balanceMean,
  // "Use of the credit limit fell or stayed flat over the last six months."
  RC10: (f) => f.inactive || f.utilisationTrend < TREND_STEADY,
};

/**
 * Pairs that must never be given together: each reads as denying the other to an applicant (a low
 * balance and a high one against the limit; little use and a high balance or utilisation; a rising
 * and a falling use). Where two groups' reasons clash, the one with the larger impact stays.
 */
export const CONTRADICTORY_REASONS: readonly (readonly [ReasonCode, ReasonCode])[] = [
  ['RC03', 'RC09'],
  ['RC03', 'RC08'],
  ['RC06', 'RC09'],
  ['RC06', 'RC08'],
  ['RC04', 'RC10'],
  ['RC04', 'RC08'],
];

export function reasonHolds(code: ReasonCode, facts: AccountFacts, references: ReasonReferences): boolean {
  return REASON_PRECONDITIONS[code](facts, references);
}

export function contradicts(a: ReasonCode, b: ReasonCode): boolean {
  return CONTRADICTORY_REASONS.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}
