// A linear-chain sequence tagger: emission scores are hashed sparse token features times a weight
// table [dimension, tags], transitions are a [tags + 1, tags] table (last row: sentence start), and
// the tag sequence is the Viterbi argmax, optionally restricted to valid IOB sequences. The weights
// come from the averaged structured perceptron (Collins 2002; see structured-perceptron.trainer.ts).
import type { SparseVector } from '../../features/sparse-vector.js';
import { iobTransitionMask, viterbiDecode } from './viterbi-decoder.js';

export interface StructuredPerceptronJson {
  kind: 'structured-perceptron';
  tags: string[];
  dimension: number;
  constrainIob: boolean;
  /** Row-major [dimension, tags] float32, little-endian, base64. */
  weights: string;
  /** Row-major [tags + 1, tags]. */
  transitions: number[];
}

export class StructuredPerceptronTagger {
  /** IOB mask applied at decoding time, when enabled. */
  readonly allowed: Uint8Array | undefined;

  constructor(
    readonly tags: readonly string[],
    readonly dimension: number,
    readonly weights: Float32Array,
    readonly transitions: Float32Array,
    readonly constrainIob = true,
  ) {
    const K = tags.length;
    if (K < 1 || new Set(tags).size !== K) throw new RangeError('tags must be non-empty and unique');
    if (weights.length !== dimension * K) throw new RangeError(`weights must be [${dimension}, ${K}]`);
    if (transitions.length !== (K + 1) * K) throw new RangeError(`transitions must be [${K + 1}, ${K}]`);
    this.allowed = constrainIob ? iobTransitionMask(tags) : undefined;
  }

  get tagCount(): number {
    return this.tags.length;
  }

  /** Row-major [tokens, tags] emission scores. */
  emissionScores(features: readonly SparseVector[]): Float64Array {
    const K = this.tagCount;
    const out = new Float64Array(features.length * K);
    features.forEach((x, t) => {
      const base = t * K;
      for (let n = 0; n < x.indices.length; n++) {
        const index = x.indices[n];
        if (index < 0 || index >= this.dimension) throw new RangeError(`feature index ${index} outside [0, ${this.dimension})`);
        const v = x.values[n];
        const row = index * K;
        for (let k = 0; k < K; k++) out[base + k] += v * this.weights[row + k];
      }
    });
    return out;
  }

  decodeTagIndices(features: readonly SparseVector[]): Int32Array {
    return viterbiDecode(this.emissionScores(features), features.length, this.tagCount, this.transitions, this.allowed).tags;
  }

  tagSentence(features: readonly SparseVector[]): string[] {
    return Array.from(this.decodeTagIndices(features), (k) => this.tags[k]);
  }

  toJSON(): StructuredPerceptronJson {
    const bytes = new Uint8Array(this.weights.buffer, this.weights.byteOffset, this.weights.byteLength);
    return {
      kind: 'structured-perceptron',
      tags: [...this.tags],
      dimension: this.dimension,
      constrainIob: this.constrainIob,
      weights: Buffer.from(bytes).toString('base64'),
      transitions: Array.from(this.transitions),
    };
  }

  static fromJSON(json: StructuredPerceptronJson): StructuredPerceptronTagger {
    if (json.kind !== 'structured-perceptron') throw new RangeError(`not a structured perceptron: ${json.kind}`);
    const bytes = Buffer.from(json.weights, 'base64');
    const weights = new Float32Array(bytes.length / 4);
    new Uint8Array(weights.buffer).set(bytes);
    return new StructuredPerceptronTagger(json.tags, json.dimension, weights, Float32Array.from(json.transitions), json.constrainIob);
  }
}
