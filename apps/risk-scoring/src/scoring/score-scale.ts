// Points-to-double-odds score scale (Siddiqi 2017, ch. 10): score = offset + factor * ln(good:bad odds),
// with factor = PDO / ln 2 and offset = base score - factor * ln(base odds). The base score sits at
// the base odds, and every PDO points double the odds of repaying. Decisions come from two cut-offs.

export interface ScoreScale {
  baseScore: number;
  /** Good:bad odds at the base score (50 means 50:1). */
  baseOdds: number;
  pointsToDoubleOdds: number;
}

export interface DecisionCutoffs {
  /** At or above: approve. */
  approveMinScore: number;
  /** Below: decline. Between the two: review. */
  declineBelowScore: number;
}

export type Decision = 'approve' | 'review' | 'decline';
export const DECISIONS: readonly Decision[] = ['approve', 'review', 'decline'];

// Probabilities are clamped so that a certain prediction still has a finite score.
const P_MIN = 1e-6;

export function scoreOf(probabilityOfDefault: number, scale: ScoreScale): number {
  const p = Math.min(Math.max(probabilityOfDefault, P_MIN), 1 - P_MIN);
  const factor = scale.pointsToDoubleOdds / Math.LN2;
  const offset = scale.baseScore - factor * Math.log(scale.baseOdds);
  return Math.round(offset + factor * Math.log((1 - p) / p));
}

/** Probability of default at a score: the inverse of scoreOf (before rounding). */
export function probabilityAtScore(score: number, scale: ScoreScale): number {
  const factor = scale.pointsToDoubleOdds / Math.LN2;
  const odds = scale.baseOdds * Math.exp((score - scale.baseScore) / factor);
  return 1 / (1 + odds);
}

export function decisionOf(score: number, cutoffs: DecisionCutoffs): Decision {
  if (score >= cutoffs.approveMinScore) return 'approve';
  if (score < cutoffs.declineBelowScore) return 'decline';
  return 'review';
}
