import * as ort from 'onnxruntime-node';
import {
  detectInt8Cpu,
  dynamicWeightTypeFor,
  int8ProfileFromCpuFlags,
  quantizedSessionConfig,
} from './int8-cpu-support.js';
import { buildMlpFixture } from '../../testing/index.js';
import { quantizeOnnxModel } from './model-quantizer.js';

// Flags as /proc/cpuinfo lists them: an AMD EPYC 7742 (Zen 2: AVX2, no VNNI), an Ice Lake Xeon
// (AVX-512 VNNI), an Alder Lake desktop (AVX-VNNI without AVX-512).
const EPYC_ZEN2 = 'fpu sse4_1 sse4_2 avx f16c avx2 bmi2 sha_ni'.split(' ');
const ICE_LAKE = 'sse4_2 avx avx2 avx512f avx512bw avx512_vnni'.split(' ');
const ALDER_LAKE = 'sse4_2 avx avx2 avx_vnni'.split(' ');

describe('int8 CPU support', () => {
  it('marks U8S8 as saturating on AVX2 without VNNI, and quantizes uint8 weights there', () => {
    const sut = int8ProfileFromCpuFlags(EPYC_ZEN2);
    expect(sut).toMatchObject({ u8s8Saturates: true, features: ['avx2'] });
    expect(dynamicWeightTypeFor(sut)).toBe('uint8');
  });

  it('keeps int8 weights with AVX-512 VNNI or AVX-VNNI', () => {
    for (const flags of [ICE_LAKE, ALDER_LAKE]) {
      const sut = int8ProfileFromCpuFlags(flags);
      expect(sut.u8s8Saturates).toBe(false);
      expect(dynamicWeightTypeFor(sut)).toBe('int8');
    }
  });

  it('follows INFERENCE_INT8_CPU over detection', () => {
    expect(detectInt8Cpu({ INFERENCE_INT8_CPU: 'no-vnni' })).toMatchObject({
      u8s8Saturates: true,
      source: 'override',
    });
    expect(detectInt8Cpu({ INFERENCE_INT8_CPU: 'vnni' }).u8s8Saturates).toBe(false);
  });

  it('reads this machine: a decision with the flags behind it', () => {
    const sut = detectInt8Cpu({});
    expect(typeof sut.u8s8Saturates).toBe('boolean');
    if (process.arch === 'x64' && sut.source === 'cpuinfo')
      expect(sut.features.some((f) => f.includes('vnni') || f === 'amx_int8')).toBe(!sut.u8s8Saturates);
  });

  it('folds weight-only DequantizeLinear at load, with the same outputs', async () => {
    const fixture = buildMlpFixture([256, 128, 10], 3);
    const sut = quantizeOnnxModel(fixture.bytes, { mode: 'weight-only' });
    expect(quantizedSessionConfig(sut.bytes)).toEqual({ session: { disable_quant_qdq: '1' } });
    expect(quantizedSessionConfig(quantizeOnnxModel(fixture.bytes, { mode: 'dynamic' }).bytes)).toEqual({});
    expect(quantizedSessionConfig(fixture.bytes)).toEqual({});
    const x = new ort.Tensor(
      'float32',
      Float32Array.from({ length: 4 * 256 }, (_, i) => Math.sin(i)),
      [4, 256],
    );
    const outputs: Float32Array[] = [];
    for (const extra of [{}, quantizedSessionConfig(sut.bytes)]) {
      const session = await ort.InferenceSession.create(sut.bytes, { intraOpNumThreads: 1, extra });
      outputs.push(Float32Array.from((await session.run({ x })).logits.data as Float32Array));
      await session.release();
    }
    outputs[0].forEach((v, i) => expect(Math.abs(v - outputs[1][i])).toBeLessThanOrEqual(1e-5));
  });
});
