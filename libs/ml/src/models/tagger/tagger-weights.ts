// Parameters of the linear-chain tagger: one weight row per hashed feature (labels wide) plus
// label-transition scores. Emission of token k for label y = sum of W[f, y] over its feature ids,
// exactly what the exported ONNX graph computes; transitions stay in the card for Viterbi.
// Shared by the trainers (perceptron, DP-SGD CRF) and by serving's decoder, which masks with it.
import type { TransitionScores } from './linear-chain.js';

/**
 * Hashed feature ids of one sentence: token k's ids are ids[k * maxFeatures ..][0, counts[k]).
 * Ids at or above a model's row count are padding (never scored, never updated).
 */
export interface SentenceFeatureIds {
  length: number;
  maxFeatures: number;
  ids: Int32Array;
  counts: Int32Array;
}

/** One training sentence: its features and gold label ids. */
export interface TaggingExample {
  features: SentenceFeatureIds;
  labels: Int32Array;
}

/** Allowed transitions (1) of a tag scheme: [from x to], sentence start, sentence end. */
export interface TransitionMask {
  pair: Uint8Array;
  start: Uint8Array;
  end: Uint8Array;
}

export interface TaggerWeights {
  labels: number;
  /** Rows of the hashed feature space (2^bits). */
  rows: number;
  /** [rows x labels] */
  emission: Float32Array;
  transitions: TransitionScores;
}

export function emissionsOf(
  weights: { emission: Float32Array | Float64Array; labels: number; rows: number },
  x: SentenceFeatureIds,
): Float64Array {
  const n = weights.labels;
  const out = new Float64Array(x.length * n);
  for (let k = 0; k < x.length; k++) {
    const base = k * x.maxFeatures;
    for (let c = 0; c < x.counts[k]; c++) {
      const f = x.ids[base + c];
      if (f >= weights.rows) continue;
      const row = f * n;
      for (let y = 0; y < n; y++) out[k * n + y] += weights.emission[row + y];
    }
  }
  return out;
}

/** Adds -Infinity where the BIOES mask forbids a transition. */
export function maskedTransitions(scores: TransitionScores, mask: TransitionMask): TransitionScores {
  const apply = (s: ArrayLike<number>, m: Uint8Array): Float64Array =>
    Float64Array.from(s, (v, i) => (m[i] ? v : -Infinity));
  return {
    labels: scores.labels,
    pair: apply(scores.pair, mask.pair),
    start: apply(scores.start, mask.start),
    end: apply(scores.end, mask.end),
  };
}
