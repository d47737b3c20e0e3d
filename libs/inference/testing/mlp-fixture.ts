// Fixture models for quantization tests and benchmarks, written as ONNX graphs from TypeScript with
// seeded He-initialised weights, covering the three weight layouts the quantizer rewrites: Gemm,
// MatMul + Add, and Gemm with transB.
import { attr, OnnxGraphBuilder } from '@suite/onnx';
import { seededNormal } from '../src/quantize/sample-inputs.js';

export interface MlpFixture {
  bytes: Uint8Array;
  parameters: number;
  /** Float weights by initializer name, to build references from. */
  weights: Record<string, { data: Float32Array; dims: [number, number] }>;
  biases: Record<string, Float32Array>;
}

function heWeights(normal: () => number, fanIn: number, count: number): Float32Array {
  const std = Math.sqrt(2 / fanIn);
  return Float32Array.from({ length: count }, () => normal() * std);
}

/**
 * x[batch, sizes[0]] -> Gemm -> Relu -> MatMul + Add -> Relu -> ... -> Gemm(transB) -> logits.
 * With `replace`, the named weights are swapped for the given data (reference models).
 */
export function buildMlpFixture(
  sizes: number[],
  seed: number,
  replace: Record<string, Float32Array> = {},
): MlpFixture {
  const normal = seededNormal(seed);
  const last = sizes.length - 2;
  const b = new OnnxGraphBuilder('mlp-fixture')
    .input('x', 'float32', ['batch', sizes[0]])
    .output('logits', 'float32', ['batch', sizes[sizes.length - 1]]);
  const weights: MlpFixture['weights'] = {};
  const biases: MlpFixture['biases'] = {};
  let parameters = 0;
  let h = 'x';
  for (let l = 0; l <= last; l++) {
    const [k, n] = [sizes[l], sizes[l + 1]];
    const transB = l === last && l > 0;
    const dims: [number, number] = transB ? [n, k] : [k, n];
    const drawn = heWeights(normal, k, k * n); // drawn even when replaced: other weights stay the same
    const w = replace[`W${l}`] ?? drawn;
    const bias = Float32Array.from({ length: n }, () => normal() * 0.1);
    weights[`W${l}`] = { data: w, dims };
    biases[`b${l}`] = bias;
    b.initializer(`W${l}`, w, dims);
    b.initializer(`b${l}`, bias, [n]);
    parameters += w.length + n;
    const out = l === last ? 'logits' : `z${l}`;
    if (l % 2 === 1 && !transB) {
      const product = b.node('MatMul', [h, `W${l}`]);
      b.node('Add', [product, `b${l}`], [out]);
    } else {
      b.node('Gemm', [h, `W${l}`, `b${l}`], [out], transB ? { transB: attr.int(1) } : {});
    }
    h = l === last ? out : b.node('Relu', [out]);
  }
  return { bytes: b.toBytes(), parameters, weights, biases };
}

/** A hashed sparse linear model: sum over active features of value * embedding row, then a Gemm. */
export function buildHashedSparseFixture(
  buckets: number,
  dim: number,
  classes: number,
  seed: number,
  replaceTable?: Float32Array,
): { bytes: Uint8Array; table: Float32Array } {
  const normal = seededNormal(seed);
  // Drawn even when replaced, so that the rest of the weights stay the same.
  const drawn = Float32Array.from({ length: buckets * dim }, () => normal() * 0.5);
  const table = replaceTable ?? drawn;
  const b = new OnnxGraphBuilder('hashed-sparse', 17)
    .input('indices', 'int64', ['batch', 'nnz'])
    .input('values', 'float32', ['batch', 'nnz'])
    .output('logits', 'float32', ['batch', classes]);
  b.initializer('E', table, [buckets, dim]);
  b.initializer('axes', BigInt64Array.of(1n), [1]);
  b.initializer('unsqueeze_axes', BigInt64Array.of(2n), [1]);
  b.initializer(
    'W',
    Float32Array.from({ length: dim * classes }, () => normal() * 0.3),
    [dim, classes],
  );
  b.initializer('bias', new Float32Array(classes), [classes]);
  const rows = b.node('Gather', ['E', 'indices'], 1, { axis: attr.int(0) });
  const weighted = b.node('Mul', [rows, b.node('Unsqueeze', ['values', 'unsqueeze_axes'])]);
  const pooled = b.node('ReduceSum', [weighted, 'axes'], 1, { keepdims: attr.int(0) });
  b.node('Gemm', [pooled, 'W', 'bias'], ['logits']);
  return { bytes: b.toBytes(), table };
}
