// Small models written as ONNX from TypeScript, with an independent float64 reference of what they
// compute. Golden tests compare the engine to the reference; other suites reuse the cards and bytes.
import { attr, OnnxGraphBuilder } from '@suite/onnx';
import type { ModelCardDraft } from '../src/registry/model-version-writer.js';

/** mulberry32, so fixtures are the same on every run and machine. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GoldenMlp {
  bytes: Uint8Array;
  sizes: number[];
  /** Row-major [in, out] weights and biases per layer. */
  layers: { weights: Float32Array; bias: Float32Array }[];
  /** Softmax(Relu(...Relu(x W0 + b0)...) Wn + bn), in float64, row by row. */
  reference(x: ArrayLike<number>, rows: number): Float64Array;
}

/** x[batch, sizes[0]] -> (Gemm -> Relu)* -> Gemm -> Softmax -> probabilities[batch, classes]. */
export function buildGoldenMlp(sizes: number[], seed: number): GoldenMlp {
  const random = seededRandom(seed);
  const b = new OnnxGraphBuilder('golden_mlp')
    .input('x', 'float32', ['batch', sizes[0]])
    .output('probabilities', 'float32', ['batch', sizes[sizes.length - 1]]);
  const layers: GoldenMlp['layers'] = [];
  let h = 'x';
  for (let l = 0; l < sizes.length - 1; l++) {
    const [k, n] = [sizes[l], sizes[l + 1]];
    const scale = Math.sqrt(2 / k);
    const weights = Float32Array.from({ length: k * n }, () => (random() * 2 - 1) * scale);
    const bias = Float32Array.from({ length: n }, () => (random() * 2 - 1) * 0.1);
    layers.push({ weights, bias });
    b.initializer(`W${l}`, weights, [k, n]);
    b.initializer(`b${l}`, bias, [n]);
    const z = b.node('Gemm', [h, `W${l}`, `b${l}`], 1, { alpha: attr.float(1), beta: attr.float(1) });
    h = l === sizes.length - 2 ? z : b.node('Relu', [z]);
  }
  b.node('Softmax', [h], ['probabilities'], { axis: attr.int(-1) });

  const reference = (x: ArrayLike<number>, rows: number): Float64Array => {
    const classes = sizes[sizes.length - 1];
    const out = new Float64Array(rows * classes);
    for (let r = 0; r < rows; r++) {
      let act = Array.from({ length: sizes[0] }, (_, i) => x[r * sizes[0] + i]);
      layers.forEach((layer, l) => {
        const [k, n] = [sizes[l], sizes[l + 1]];
        const next = new Array<number>(n).fill(0);
        for (let j = 0; j < n; j++) {
          let sum = layer.bias[j];
          for (let i = 0; i < k; i++) sum += act[i] * layer.weights[i * n + j];
          next[j] = l === layers.length - 1 ? sum : Math.max(0, sum);
        }
        act = next;
      });
      const max = Math.max(...act);
      const exps = act.map((v) => Math.exp(v - max));
      const total = exps.reduce((a, v) => a + v, 0);
      exps.forEach((v, j) => (out[r * classes + j] = v / total));
    }
    return out;
  };
  return { bytes: b.toBytes(), sizes, layers, reference };
}

export function goldenMlpCard(
  name: string,
  version: string,
  sizes: number[],
  extra: Partial<ModelCardDraft> = {},
): ModelCardDraft {
  return {
    name,
    version,
    task: 'classification',
    createdAt: '2026-01-01T00:00:00.000Z',
    inputs: [{ name: 'x', dtype: 'float32', shape: [-1, sizes[0]] }],
    outputs: [{ name: 'probabilities', dtype: 'float32', shape: [-1, sizes[sizes.length - 1]] }],
    training: { data: 'seeded random weights (fixture)', licence: 'n/a', command: 'test fixture' },
    ...extra,
  };
}

export function seededInputs(rows: number, width: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: rows * width }, () => random() * 4 - 2);
}
