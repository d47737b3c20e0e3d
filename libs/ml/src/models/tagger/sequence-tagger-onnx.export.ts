// ONNX export of the sequence tagger's scoring part. The graph maps one sentence's hashed token
// features to emission scores, emissions[t, k] = sum_n values[t, n] * W[indices[t, n], k]
// (Gather + Mul + ReduceSum), and hands out the transition table [tags + 1, tags] (last row: start)
// as a second, input-independent output (Identity of an initializer). Viterbi is not in the graph:
// the caller runs decodeTagsFromOnnxOutputs() in TypeScript over the two outputs, because a dynamic
// programme with back-pointers over a variable-length sentence is awkward in ONNX (a Loop op) and
// costs next to nothing next to the feature lookups.
// Padding: rows shorter than maxNnz are filled with index 0 and value 0, which contribute nothing.
import { OnnxGraphBuilder, attr } from '@suite/inference';
import type { SparseVector } from '../../features/sparse-vector.js';
import type { StructuredPerceptronTagger } from './structured-perceptron.model.js';
import { viterbiDecode } from './viterbi-decoder.js';

export const TAGGER_ONNX_INDICES = 'feature_indices';
export const TAGGER_ONNX_VALUES = 'feature_values';
export const TAGGER_ONNX_EMISSIONS = 'emissions';
export const TAGGER_ONNX_TRANSITIONS = 'transitions';

export interface PackedTokenFeatures {
  /** [tokens, maxNnz], padded with 0. */
  indices: BigInt64Array;
  /** [tokens, maxNnz], padded with 0. */
  values: Float32Array;
  tokenCount: number;
  maxNnz: number;
}

/** Pads one sentence's sparse token features into the two dense input tensors. */
export function packTokenFeatures(features: readonly SparseVector[]): PackedTokenFeatures {
  const maxNnz = Math.max(1, ...features.map((x) => x.indices.length));
  const indices = new BigInt64Array(features.length * maxNnz);
  const values = new Float32Array(features.length * maxNnz);
  features.forEach((x, t) => {
    for (let n = 0; n < x.indices.length; n++) {
      indices[t * maxNnz + n] = BigInt(x.indices[n]);
      values[t * maxNnz + n] = x.values[n];
    }
  });
  return { indices, values, tokenCount: features.length, maxNnz };
}

export function exportSequenceTaggerToOnnx(
  model: StructuredPerceptronTagger,
  metadata: Record<string, string> = {},
): Uint8Array {
  const K = model.tagCount;
  const g = new OnnxGraphBuilder('sequence_tagger_emissions', 17)
    .input(TAGGER_ONNX_INDICES, 'int64', ['tokens', 'max_nnz'])
    .input(TAGGER_ONNX_VALUES, 'float32', ['tokens', 'max_nnz'])
    .output(TAGGER_ONNX_EMISSIONS, 'float32', ['tokens', K])
    .output(TAGGER_ONNX_TRANSITIONS, 'float32', [K + 1, K]);
  g.initializer('emission_weights', model.weights, [model.dimension, K]);
  g.initializer('transition_table', model.transitions, [K + 1, K]);
  g.initializer('axis_2', BigInt64Array.of(2n), [1]);
  g.initializer('axis_1', BigInt64Array.of(1n), [1]);
  const rows = g.node('Gather', ['emission_weights', TAGGER_ONNX_INDICES], 1, { axis: attr.int(0) });
  const scale = g.node('Unsqueeze', [TAGGER_ONNX_VALUES, 'axis_2']);
  const weighted = g.node('Mul', [rows, scale]);
  g.node('ReduceSum', [weighted, 'axis_1'], [TAGGER_ONNX_EMISSIONS], { keepdims: attr.int(0) });
  g.node('Identity', ['transition_table'], [TAGGER_ONNX_TRANSITIONS]);
  return g.toBytes({
    task: 'sequence-tagging',
    tags: JSON.stringify(model.tags),
    decoding: model.constrainIob ? 'viterbi-iob' : 'viterbi',
    ...metadata,
  });
}

/** Viterbi over the graph's outputs: the tag indices of one sentence. */
export function decodeTagsFromOnnxOutputs(
  emissions: Float32Array,
  transitions: Float32Array,
  tokenCount: number,
  tagCount: number,
  allowed?: Uint8Array,
): Int32Array {
  return viterbiDecode(emissions, tokenCount, tagCount, transitions, allowed).tags;
}
