import * as ort from 'onnxruntime-node';
import { attr, decodeModel, OnnxGraphBuilder } from '@suite/onnx';
import {
  adaptInt8ModelToCpu,
  detectInt8Cpu,
  int8ProfileFromCpuFlags,
  SATURATION_FREE_INT8,
  saturationRisks,
} from './int8-cpu-support.js';
import { buildHashedSparseFixture, buildMlpFixture, type MlpFixture } from '../../testing/index.js';
import { quantizeOnnxModel } from './model-quantizer.js';
import { measureQuantization } from './quantization-report.js';
import { sampleInputsFor, seededNormal } from './sample-inputs.js';
import {
  dequantizeWith,
  quantizeBlockwise,
  quantizeForMatMul,
  quantizeRows,
  roundHalfToEven,
  transposeMatrix,
  type WeightType,
} from './weight-quantization.js';

const SIZES = [512, 1024, 512, 77];

async function runModel(bytes: Uint8Array, feeds: Record<string, ort.Tensor>, output = 'logits') {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  try {
    return Float32Array.from((await session.run(feeds))[output].data as Float32Array);
  } finally {
    await session.release();
  }
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a).toHaveLength(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
}

function feedsOf(bytes: Uint8Array, batch: number, seed: number): Record<string, ort.Tensor> {
  const sample = sampleInputsFor(bytes, { batch, seed });
  return Object.fromEntries(
    Object.entries(sample).map(([k, t]) => [k, new ort.Tensor(t.dtype, t.data, t.dims)]),
  );
}

function opTypes(bytes: Uint8Array): string[] {
  return (decodeModel(bytes).graph?.node ?? []).map((n) => n.opType ?? '');
}

// The two CPU cases: an AVX2 EPYC without VNNI (U8S8 saturates) and this kind of Xeon (VNNI).
const NO_VNNI = int8ProfileFromCpuFlags(['sse4_2', 'avx', 'avx2', 'fma']);
const VNNI = int8ProfileFromCpuFlags(['avx2', 'avx512f', 'avx512bw', 'avx512_vnni']);

/** ONNX DynamicQuantizeLinear: uint8, range extended to include 0, float32 arithmetic. */
function dynamicQuantize(x: Float32Array) {
  let lo = 0;
  let hi = 0;
  for (const v of x) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const scale = Math.fround((hi - lo) / 255);
  const zero = Math.min(255, Math.max(0, roundHalfToEven(Math.fround(-lo / scale))));
  const codes = Uint8Array.from(x, (v) =>
    Math.min(255, Math.max(0, roundHalfToEven(Math.fround(v / scale)) + zero)),
  );
  return { codes, scale, zero };
}

/**
 * The exact arithmetic the dynamic graph implies, in JS: codes times codes summed in int32 (no
 * saturation anywhere), cast to float32, times float32(sa * sw), plus the bias. Whatever kernel a
 * CPU picks, a correct one gives this up to float32 rounding of the final products.
 * `saturatePairs` instead adds u8 x s8 products two at a time into a saturating int16, as
 * VPMADDUBSW does on x86-64 without VNNI (before the pairs are summed in int32).
 */
function quantizedMatMul(
  x: Float32Array,
  rows: number,
  q: ReturnType<typeof quantizeForMatMul>,
  k: number,
  n: number,
  options: { perColumn: boolean; saturatePairs?: boolean },
): Float32Array {
  const a = dynamicQuantize(x);
  const out = new Float32Array(rows * n);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < n; c++) {
      const g = options.perColumn ? c : 0;
      const zw = q.zeroPoints ? q.zeroPoints[g] : 0;
      let acc = 0;
      if (options.saturatePairs) {
        // onnxruntime's U8S8 AVX2 kernel feeds raw u8 codes and s8 weights to VPMADDUBSW and
        // corrects for the zero point separately; the pair sums are what can leave int16.
        let raw = 0;
        let sumW = 0;
        for (let i = 0; i < k; i += 2) {
          const pair =
            a.codes[r * k + i] * q.codes[i * n + c] +
            (i + 1 < k ? a.codes[r * k + i + 1] * q.codes[(i + 1) * n + c] : 0);
          raw += Math.max(-32768, Math.min(32767, pair));
          sumW += q.codes[i * n + c] + (i + 1 < k ? q.codes[(i + 1) * n + c] : 0);
        }
        acc = raw - a.zero * sumW;
      } else {
        for (let i = 0; i < k; i++) acc += (a.codes[r * k + i] - a.zero) * (q.codes[i * n + c] - zw);
      }
      out[r * n + c] = Math.fround(Math.fround(acc) * Math.fround(a.scale * q.scales[g]));
    }
  }
  return out;
}

/** The fixture MLP (Gemm, MatMul + Add, Gemm transB; Relu between) through quantizedMatMul. */
function referenceDynamicMlp(
  fixture: MlpFixture,
  sizes: number[],
  x: Float32Array,
  rows: number,
  options: { weightType: WeightType; perColumn: boolean },
): Float32Array {
  let h = x;
  const last = sizes.length - 2;
  for (let l = 0; l <= last; l++) {
    const [k, n] = [sizes[l], sizes[l + 1]];
    const w = fixture.weights[`W${l}`];
    const kn = l === last && l > 0 ? transposeMatrix(w.data, n, k) : w.data;
    const q = quantizeForMatMul(kn, k, n, options);
    const y = quantizedMatMul(h, rows, q, k, n, options);
    const bias = fixture.biases[`b${l}`];
    for (let i = 0; i < y.length; i++) {
      y[i] = Math.fround(y[i] + bias[i % n]);
      if (l < last) y[i] = Math.max(0, y[i]);
    }
    h = y;
  }
  return h;
}

describe('quantizeOnnxModel', () => {
  const fixture = buildMlpFixture(SIZES, 42);
  const feeds = feedsOf(fixture.bytes, 32, 5);

  it('builds a fixture MLP with over one million parameters', () => {
    expect(fixture.parameters).toBeGreaterThanOrEqual(1_000_000);
  });

  // Exact on every CPU: the int8 graph must equal the JS reference of its own integer arithmetic
  // (atol 1e-3 on logits up to ~4.6: float32 rounding only; one saturated pair is off by 0.1-0.6).
  // The reference itself is CPU-independent, so its distance to fp32 is a fixed property of the
  // scheme: stated tolerance 0.15 on every logit (about 3 % of the range), mean under 0.03.
  it.each([
    ['int8', 'VNNI'],
    ['uint8', 'no VNNI'],
  ] as const)(
    'dynamic %s (the scheme for %s): shrinks the 1M-parameter MLP to <= 30 %, equals its exact integer arithmetic',
    async (weightType: WeightType, _cpu: string) => {
      const sut = quantizeOnnxModel(fixture.bytes, { mode: 'dynamic', weightType });
      expect(sut.quantized.map((q) => q.opType)).toEqual(['Gemm', 'MatMul', 'Gemm']);
      expect(sut.quantized[0].scheme).toBe(`${weightType} per-column, MatMulInteger`);
      expect(opTypes(sut.bytes)).toContain('MatMulInteger');
      expect(opTypes(sut.bytes).filter((op) => op === 'DynamicQuantizeLinear')).toHaveLength(3);
      expect(sut.bytes.byteLength / fixture.bytes.byteLength).toBeLessThanOrEqual(0.3);

      const x = feeds.x.data as Float32Array;
      const reference = referenceDynamicMlp(fixture, SIZES, x, 32, { weightType, perColumn: true });
      // As the engine loads it on this CPU, and as it would on a CPU without VNNI (forced here).
      for (const profile of [detectInt8Cpu(), NO_VNNI]) {
        const bytes = adaptInt8ModelToCpu(sut.bytes, profile);
        expect(maxAbsDiff(await runModel(bytes, feeds), reference)).toBeLessThanOrEqual(1e-3);
      }
      const fp32 = await runModel(fixture.bytes, feeds);
      expect(maxAbsDiff(reference, fp32)).toBeLessThanOrEqual(0.15);
      expect(reference.reduce((s, v, i) => s + Math.abs(v - fp32[i]), 0) / fp32.length).toBeLessThanOrEqual(
        0.03,
      );

      const report = await measureQuantization(fixture.bytes, sut.bytes, {
        sample: sampleInputsFor(fixture.bytes, { batch: 32, seed: 5 }),
        runs: 3,
      });
      expect(report.sizeRatio).toBeLessThanOrEqual(0.3);
      expect(report.outputs[0].decisionAgreement).toBeGreaterThanOrEqual(30 / 32);
      expect(report.latencyRatio).toBeGreaterThan(0);
    },
  );

  it('without VNNI: int8 weights would saturate (shown by the saturating arithmetic), and are run as uint8', () => {
    // The case, reproduced without such a CPU: full-range int8 weights under VPMADDUBSW's
    // int16 pair sums drift from the exact result; the uint8 form the engine loads cannot saturate
    // (U8U8 widens to int16 x int16 -> int32), and 7-bit weights stay under 255 x 64 x 2 < 32768.
    // Activations aligned with the largest weights of each column, as a trained layer produces.
    const [k, n, rows] = [64, 8, 8];
    const normal = seededNormal(17);
    const w = Float32Array.from({ length: k * n }, normal);
    const x = Float32Array.from({ length: rows * k }, (_, i) =>
      Math.max(0, w[(i % k) * n + Math.floor(i / k)]),
    );
    const int8 = quantizeForMatMul(w, k, n, { weightType: 'int8', perColumn: true });
    const exact = quantizedMatMul(x, rows, int8, k, n, { perColumn: true });
    const saturated = quantizedMatMul(x, rows, int8, k, n, { perColumn: true, saturatePairs: true });
    expect(maxAbsDiff(saturated, exact)).toBeGreaterThan(0.1);
    // 7-bit weights: the saturating pair sums never clip (255 x 64 x 2 < 32768). uint8 weights take
    // onnxruntime's U8U8 path, which has no int16 pair sums (checked against ORT by the tests above).
    const reduced = quantizeForMatMul(w, k, n, { weightType: 'int8', perColumn: true, reduceRange: true });
    expect(Math.max(...Array.from(reduced.codes, Math.abs))).toBeLessThanOrEqual(SATURATION_FREE_INT8);
    expect(
      maxAbsDiff(
        quantizedMatMul(x, rows, reduced, k, n, { perColumn: true, saturatePairs: true }),
        quantizedMatMul(x, rows, reduced, k, n, { perColumn: true }),
      ),
    ).toBe(0);

    const vnniModel = quantizeOnnxModel(fixture.bytes, { mode: 'dynamic', weightType: 'int8' });
    expect(saturationRisks(vnniModel.bytes).map((r) => r.weight)).toEqual([
      'W0_quantized',
      'W1_quantized',
      'W2_quantized',
    ]);
    expect(adaptInt8ModelToCpu(vnniModel.bytes, VNNI)).toBe(vnniModel.bytes);
    const adapted = adaptInt8ModelToCpu(vnniModel.bytes, NO_VNNI);
    expect(saturationRisks(adapted)).toEqual([]);
    const graph = decodeModel(adapted).graph!;
    const inits = new Map((graph.initializer ?? []).map((t) => [t.name, t]));
    for (const node of (graph.node ?? []).filter((nd) => nd.opType === 'MatMulInteger')) {
      expect(inits.get(node.input![1])?.dataType).toBe(2); // UINT8
    }
  });

  it('weight-only: shrinks to <= 30 % and equals fp32 run on the dequantized weights (atol 1e-4)', async () => {
    const sut = quantizeOnnxModel(fixture.bytes, { mode: 'weight-only', blockSize: 128 });
    expect(sut.weightOnlyOperator).toBe('DequantizeLinear');
    expect(sut.opset).toBe(21);
    expect(opTypes(sut.bytes).filter((op) => op === 'DequantizeLinear')).toHaveLength(3);
    expect(sut.bytes.byteLength / fixture.bytes.byteLength).toBeLessThanOrEqual(0.3);

    // Reference: the same fp32 graph whose weights are replaced by dequantize(quantize(W)).
    const dequantized: Record<string, Float32Array> = {};
    for (const [name, w] of Object.entries(fixture.weights)) {
      const axis = name === 'W2' ? 1 : 0; // W2 feeds Gemm with transB: K is its second axis
      const q = quantizeBlockwise(w.data, w.dims[0], w.dims[1], axis, 128);
      const cols = w.dims[1];
      const groupOf = (i: number) =>
        axis === 0
          ? Math.floor(i / cols / 128) * cols + (i % cols)
          : Math.floor(i / cols) * q.scaleDims[1] + Math.floor((i % cols) / 128);
      dequantized[name] = dequantizeWith(q.codes, groupOf, q.scales);
    }
    const reference = buildMlpFixture(SIZES, 42, dequantized);
    const expected = await runModel(reference.bytes, feeds);
    expect(maxAbsDiff(await runModel(sut.bytes, feeds), expected)).toBeLessThanOrEqual(1e-4);
    // And against the original fp32 model, the stated tolerance.
    expect(
      maxAbsDiff(await runModel(sut.bytes, feeds), await runModel(fixture.bytes, feeds)),
    ).toBeLessThanOrEqual(0.1);
  });

  it.each(['int8', 'uint8'] as const)(
    'dynamic %s: one MatMul equals DynamicQuantizeLinear + integer matmul computed by hand, with and without VNNI',
    async (weightType) => {
      const [k, n, rows] = [64, 8, 4];
      const normal = seededNormal(9);
      const w = Float32Array.from({ length: k * n }, normal);
      const x = Float32Array.from({ length: rows * k }, normal);
      const b = new OnnxGraphBuilder('mm')
        .input('x', 'float32', ['batch', k])
        .output('y', 'float32', ['batch', n]);
      b.initializer('W', w, [k, n]);
      b.node('MatMul', ['x', 'W'], ['y']);
      const sut = quantizeOnnxModel(b.toBytes(), { mode: 'dynamic', weightType, minElements: 0 });
      const qw = quantizeForMatMul(w, k, n, { weightType, perColumn: true });
      const expected = quantizedMatMul(x, rows, qw, k, n, { perColumn: true });
      // As the engine loads it here, and as it would on a CPU without VNNI (forced).
      for (const bytes of [
        adaptInt8ModelToCpu(sut.bytes, detectInt8Cpu()),
        adaptInt8ModelToCpu(sut.bytes, NO_VNNI),
      ]) {
        const got = await runModel(bytes, { x: new ort.Tensor('float32', x, [rows, k]) }, 'y');
        expect(maxAbsDiff(got, expected)).toBeLessThanOrEqual(1e-5);
      }
    },
  );

  it('dynamic: folds Gemm alpha, beta and transB, with uint8 per-tensor weights', async () => {
    const [k, n] = [96, 16];
    const normal = seededNormal(21);
    const b = new OnnxGraphBuilder('gemm')
      .input('x', 'float32', ['batch', k])
      .output('y', 'float32', ['batch', n]);
    b.initializer('W', Float32Array.from({ length: n * k }, normal), [n, k]);
    b.initializer('C', Float32Array.from({ length: n }, normal), [n]);
    b.node('Gemm', ['x', 'W', 'C'], ['y'], {
      transB: attr.int(1),
      alpha: attr.float(0.5),
      beta: attr.float(2),
    });
    const fp32 = b.toBytes();
    const sut = quantizeOnnxModel(fp32, {
      mode: 'dynamic',
      weightType: 'uint8',
      perColumn: false,
      minElements: 0,
    });
    expect(sut.quantized[0].scheme).toContain('uint8 per-tensor');
    const f = feedsOf(fp32, 8, 3);
    // |y| reaches ~10 here; 8-bit codes keep it within 0.15.
    expect(maxAbsDiff(await runModel(sut.bytes, f, 'y'), await runModel(fp32, f, 'y'))).toBeLessThanOrEqual(
      0.15,
    );
  });

  it('quantizes a hashed sparse model’s Gather table per row, equal to the dequantized table (atol 1e-5)', async () => {
    const [buckets, dim, classes] = [4096, 64, 5];
    const fp32 = buildHashedSparseFixture(buckets, dim, classes, 13);
    const sut = quantizeOnnxModel(fp32.bytes, { mode: 'weight-only', minElements: 0 });
    expect(sut.quantized.map((q) => `${q.opType}:${q.scheme}`)).toEqual([
      'Gather:int8 symmetric per row, Gather',
      'Gemm:int8 symmetric, block 128 along K, DequantizeLinear',
    ]);
    expect(sut.bytes.byteLength / fp32.bytes.byteLength).toBeLessThanOrEqual(0.3);
    const q = quantizeRows(fp32.table, buckets, dim);
    const table = dequantizeWith(q.codes, (i) => Math.floor(i / dim), q.scales);
    // The Gemm weight (64 x 5, one block) is quantized too; compare the Gather path in isolation by
    // keeping that weight float in a second run.
    const gatherOnly = quantizeOnnxModel(fp32.bytes, { mode: 'weight-only', minElements: 1000 });
    expect(gatherOnly.quantized.map((x) => x.opType)).toEqual(['Gather']);
    const f = feedsOf(fp32.bytes, 16, 4);
    const reference = buildHashedSparseFixture(buckets, dim, classes, 13, table);
    expect(
      maxAbsDiff(await runModel(gatherOnly.bytes, f), await runModel(reference.bytes, f)),
    ).toBeLessThanOrEqual(1e-5);
  });

  it('falls back to MatMulNBits when raising the opset to 21 would change a ReduceMean', async () => {
    const [k, n] = [256, 32];
    const normal = seededNormal(5);
    const w = Float32Array.from({ length: k * n }, normal);
    const build = (weights: Float32Array) => {
      const b = new OnnxGraphBuilder('reduce-mean', 17)
        .input('x', 'float32', ['batch', k])
        .output('y', 'float32', ['batch', 1]);
      b.initializer('W', weights, [k, n]);
      const h = b.node('MatMul', ['x', 'W']);
      b.node('ReduceMean', [h], ['y'], { axes: attr.ints([1]), keepdims: attr.int(1) });
      return b.toBytes();
    };
    const sut = quantizeOnnxModel(build(w), { mode: 'weight-only' });
    expect(sut.weightOnlyOperator).toBe('MatMulNBits');
    expect(sut.opset).toBe(17);
    const q = quantizeBlockwise(w, k, n, 0, 128);
    const reference = build(dequantizeWith(q.codes, (i) => Math.floor(i / n / 128) * n + (i % n), q.scales));
    const f = feedsOf(reference, 8, 6);
    expect(
      maxAbsDiff(await runModel(sut.bytes, f, 'y'), await runModel(reference, f, 'y')),
    ).toBeLessThanOrEqual(1e-4);
  });

  it('leaves small weights and weights that are graph inputs in float, and says why', () => {
    const b = new OnnxGraphBuilder('small')
      .input('x', 'float32', ['batch', 4])
      .input('V', 'float32', [4, 4096]);
    b.output('y', 'float32', ['batch', 2]).output('z', 'float32', ['batch', 4096]);
    b.initializer('W', new Float32Array(8), [4, 2]);
    b.node('MatMul', ['x', 'W'], ['y']);
    b.node('MatMul', ['x', 'V'], ['z']);
    const sut = quantizeOnnxModel(b.toBytes(), { mode: 'dynamic' });
    expect(sut.quantized).toEqual([]);
    expect(sut.skipped.map((s) => s.reason)).toEqual([
      'weight has fewer than 1024 elements',
      'weight is not a 2-D float constant',
    ]);
  });

  it('rejects a block size below 16', () => {
    expect(() => quantizeOnnxModel(fixture.bytes, { mode: 'weight-only', blockSize: 8 })).toThrow(
      /block size/,
    );
  });
});
