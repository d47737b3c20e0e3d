// Log-likelihood gradient of one sentence under a linear-chain CRF (Lafferty et al. 2001; Sutton &
// McCallum 2012, "An introduction to conditional random fields", §5.1): observed minus expected
// feature counts, from forward-backward marginals. Transitions forbidden by BIOES are -Infinity
// and get no gradient. The emission gradient is sparse: one label row per active feature id.
import { forwardBackward, type TransitionScores } from './linear-chain.js';
import type { SentenceFeatureIds } from './tagger-weights.js';

export interface SentenceGradient {
  /** Negative log-likelihood of the gold path. */
  loss: number;
  /** Gradient of the log-likelihood w.r.t. the emission scores, [tokens x labels]. */
  emission: Float64Array;
  /** Gradient w.r.t. transition scores (pair [from x to], start, end). */
  pair: Float64Array;
  start: Float64Array;
  end: Float64Array;
}

export function crfSentenceGradient(
  emissions: Float64Array,
  length: number,
  gold: Int32Array,
  t: TransitionScores,
): SentenceGradient {
  const n = t.labels;
  const { logPartition, alpha, beta } = forwardBackward(emissions, length, t);
  let goldScore = t.start[gold[0]] + t.end[gold[length - 1]];
  for (let k = 0; k < length; k++) {
    goldScore += emissions[k * n + gold[k]];
    if (k > 0) goldScore += t.pair[gold[k - 1] * n + gold[k]];
  }
  const emission = new Float64Array(length * n);
  for (let i = 0; i < length * n; i++) emission[i] = -Math.exp(alpha[i] + beta[i] - logPartition);
  for (let k = 0; k < length; k++) emission[k * n + gold[k]] += 1;
  const pair = new Float64Array(n * n);
  for (let k = 1; k < length; k++) {
    for (let a = 0; a < n; a++) {
      const la = alpha[(k - 1) * n + a];
      if (la === -Infinity) continue;
      for (let b = 0; b < n; b++) {
        const s = t.pair[a * n + b];
        if (s === -Infinity) continue;
        pair[a * n + b] -= Math.exp(la + s + emissions[k * n + b] + beta[k * n + b] - logPartition);
      }
    }
    pair[gold[k - 1] * n + gold[k]] += 1;
  }
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  for (let y = 0; y < n; y++) {
    start[y] = -Math.exp(alpha[y] + beta[y] - logPartition);
    end[y] = -Math.exp(alpha[(length - 1) * n + y] + beta[(length - 1) * n + y] - logPartition);
  }
  start[gold[0]] += 1;
  end[gold[length - 1]] += 1;
  return { loss: logPartition - goldScore, emission, pair, start, end };
}

/** Sparse emission-weight gradient: for each active feature id, its label row of the gradient. */
export function accumulateFeatureGradient(
  x: SentenceFeatureIds,
  emissionGradient: Float64Array,
  labels: number,
  rows: number,
  into: Map<number, Float64Array>,
): void {
  for (let k = 0; k < x.length; k++) {
    const base = k * x.maxFeatures;
    for (let c = 0; c < x.counts[k]; c++) {
      const id = x.ids[base + c];
      if (id >= rows) continue;
      let row = into.get(id);
      if (!row) {
        row = new Float64Array(labels);
        into.set(id, row);
      }
      for (let y = 0; y < labels; y++) row[y] += emissionGradient[k * labels + y];
    }
  }
}
