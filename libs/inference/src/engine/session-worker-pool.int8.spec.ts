// The engine's load path on a CPU without VNNI (forced with INFERENCE_INT8_CPU): an int8-weight
// dynamic model is served as uint8 weights and gives the exact integer arithmetic of the graph.
import { OnnxGraphBuilder } from '@suite/onnx';
import { detectInt8Cpu, INT8_CPU_OVERRIDE, saturationRisks } from '../quantize/int8-cpu-support.js';
import { quantizeOnnxModel } from '../quantize/model-quantizer.js';
import { seededNormal } from '../quantize/sample-inputs.js';
import { quantizeForMatMul, roundHalfToEven } from '../quantize/weight-quantization.js';
import { SessionWorkerPool } from './session-worker-pool.js';
import { float32Tensor } from './tensor.js';

const quiet = { log: () => undefined, warn: () => undefined };

describe('SessionWorkerPool with int8 weights', () => {
  const [k, n, rows] = [64, 8, 4];
  const normal = seededNormal(9);
  const w = Float32Array.from({ length: k * n }, normal);
  // Activations aligned with each column's largest weights: the pairs that saturate without VNNI.
  const x = Float32Array.from({ length: rows * k }, (_, i) =>
    Math.max(0, w[(i % k) * n + (Math.floor(i / k) % n)]),
  );
  const b = new OnnxGraphBuilder('mm')
    .input('x', 'float32', ['batch', k])
    .output('y', 'float32', ['batch', n]);
  b.initializer('W', w, [k, n]);
  b.node('MatMul', ['x', 'W'], ['y']);
  const int8 = quantizeOnnxModel(b.toBytes(), { mode: 'dynamic', weightType: 'int8', minElements: 0 });
  const previous = process.env[INT8_CPU_OVERRIDE];

  afterEach(() => {
    if (previous === undefined) delete process.env[INT8_CPU_OVERRIDE];
    else process.env[INT8_CPU_OVERRIDE] = previous;
  });

  async function served(cpu: 'vnni' | 'no-vnni'): Promise<Float32Array> {
    process.env[INT8_CPU_OVERRIDE] = cpu;
    const sut = await SessionWorkerPool.start({ workers: 1, intraOpNumThreads: 1, logger: quiet });
    try {
      await sut.loadSession('mm', int8.bytes);
      const out = await sut.runSession('mm', { x: float32Tensor(x, [rows, k]) });
      return Float32Array.from(out.y.data as Float32Array);
    } finally {
      await sut.close();
    }
  }

  /** DynamicQuantizeLinear (ONNX spec, float32) + int32 dot products + the scale, in JS. */
  function exact(): Float32Array {
    const lo = Math.min(0, ...x);
    const hi = Math.max(0, ...x);
    const sa = Math.fround((hi - lo) / 255);
    const za = Math.min(255, Math.max(0, roundHalfToEven(Math.fround(-lo / sa))));
    const qa = Array.from(x, (v) => Math.min(255, Math.max(0, roundHalfToEven(Math.fround(v / sa)) + za)));
    const qw = quantizeForMatMul(w, k, n, { weightType: 'int8', perColumn: true });
    return Float32Array.from({ length: rows * n }, (_, i) => {
      const [r, c] = [Math.floor(i / n), i % n];
      let acc = 0;
      for (let j = 0; j < k; j++) acc += (qa[r * k + j] - za) * qw.codes[j * n + c];
      return Math.fround(acc) * Math.fround(sa * qw.scales[c]);
    });
  }

  it('serves full-range int8 weights exactly without VNNI (as uint8) and with it', async () => {
    expect(saturationRisks(int8.bytes)).toHaveLength(1);
    const expected = exact();
    // 'vnni' is only claimed where it is true: on a CPU without it that run would saturate.
    const cpus = detectInt8Cpu({}).u8s8Saturates ? (['no-vnni'] as const) : (['vnni', 'no-vnni'] as const);
    for (const cpu of cpus) {
      const got = await served(cpu);
      got.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-5));
    }
  });
});
