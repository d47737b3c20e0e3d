// The tagger's ONNX graph: emissions[b, t, :] = sum over f of W[feature_ids[b, t, f], :]. Feature
// hashing and Viterbi stay in TypeScript; the graph is the part that scales with the hashed space,
// so it runs in libs/inference (worker threads, batching). Row `rows` of W is zero: the padding id.
import { OnnxGraphBuilder } from '@suite/onnx';

export const EMISSION_INPUT = 'feature_ids';
export const EMISSION_OUTPUT = 'emissions';

export function buildEmissionModel(
  weights: Float32Array,
  rows: number,
  labels: number,
  maxFeatures: number,
): Uint8Array {
  if (weights.length !== rows * labels)
    throw new RangeError(`expected ${rows * labels} weights, got ${weights.length}`);
  const table = new Float32Array((rows + 1) * labels);
  table.set(weights);
  const g = new OnnxGraphBuilder('ner_emissions', 17)
    .input(EMISSION_INPUT, 'int64', ['batch', 'tokens', maxFeatures])
    .output(EMISSION_OUTPUT, 'float32', ['batch', 'tokens', labels]);
  g.initializer('W', table, [rows + 1, labels]);
  g.initializer('sum_axes', BigInt64Array.from([2n]), [1]);
  const gathered = g.node('Gather', ['W', EMISSION_INPUT], 1, {});
  g.node('ReduceSum', [gathered, 'sum_axes'], [EMISSION_OUTPUT], { keepdims: { kind: 'int', value: 0 } });
  return g.toBytes({ task: 'ner-emissions' });
}
