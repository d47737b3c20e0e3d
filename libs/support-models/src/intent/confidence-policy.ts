// When the model may answer alone, and when it should ask which of two intents the customer meant.
// Both cut-offs are chosen on the calibration split for a target precision, the way a selective
// classifier picks its coverage (El-Yaniv & Wiener 2010): the lowest confidence at which the
// answered share of the calibration split is still at least that precise.

/** One intent of a message's ranking (the intent model's output, best first). */
export interface IntentScore {
  intent: string;
  probability: number;
}

export interface ScoredExample {
  /** Best first; at least two entries. */
  ranked: readonly IntentScore[];
  truth: string;
}

/**
 * The smallest threshold t such that, among calibration examples with top-1 probability >= t, the
 * share whose top-1 intent is right is >= target. 1 when no threshold reaches it.
 */
export function thresholdForPrecision(examples: readonly ScoredExample[], target: number): number {
  const sorted = [...examples].sort((a, b) => b.ranked[0].probability - a.ranked[0].probability);
  let correct = 0;
  let threshold = 1;
  sorted.forEach((e, k) => {
    if (e.ranked[0].intent === e.truth) correct++;
    // Only cut between distinct probabilities: a tie is answered or refused as a whole.
    const next = sorted[k + 1]?.ranked[0].probability;
    if (correct / (k + 1) >= target && next !== e.ranked[0].probability) threshold = e.ranked[0].probability;
  });
  return threshold;
}

export interface ClarificationCutoffs {
  minPairProbability: number;
  maxGap: number;
}

/** Whether a ranking below the answer threshold is a close call between its two best intents. */
export function isCloseCall(
  ranked: readonly IntentScore[],
  threshold: number,
  cutoffs: ClarificationCutoffs,
): boolean {
  if (ranked.length < 2) return false;
  const [first, second] = ranked;
  return (
    first.probability < threshold &&
    first.probability + second.probability >= cutoffs.minPairProbability &&
    first.probability - second.probability <= cutoffs.maxGap
  );
}

/**
 * The smallest pair probability such that, among the close calls (below `threshold`, gap <= maxGap)
 * at or above it, the right intent is one of the two offered for >= target of them.
 */
export function pairProbabilityForPrecision(
  examples: readonly ScoredExample[],
  threshold: number,
  maxGap: number,
  target: number,
): number {
  const close = examples
    .filter(
      (e) =>
        e.ranked[0].probability < threshold && e.ranked[0].probability - e.ranked[1].probability <= maxGap,
    )
    .map((e) => ({
      pair: e.ranked[0].probability + e.ranked[1].probability,
      hit: e.ranked[0].intent === e.truth || e.ranked[1].intent === e.truth,
    }))
    .sort((a, b) => b.pair - a.pair);
  let hits = 0;
  let cutoff = 1;
  close.forEach((c, k) => {
    if (c.hit) hits++;
    if (hits / (k + 1) >= target && close[k + 1]?.pair !== c.pair) cutoff = c.pair;
  });
  return cutoff;
}
