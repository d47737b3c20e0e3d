import * as ort from 'onnxruntime-node';
import { attr, decodeModel, OnnxGraphBuilder, readInitializer } from './onnx-graph.js';

describe('OnnxGraphBuilder', () => {
  it('builds a Gemm + Sigmoid model that onnxruntime runs to the reference value', async () => {
    const w = Float32Array.from([0.5, -1, 2]);
    const b = new OnnxGraphBuilder('logit')
      .input('x', 'float32', ['batch', 3])
      .output('p', 'float32', ['batch', 1]);
    b.initializer('W', w, [3, 1]);
    b.initializer('B', Float32Array.from([0.25]), [1]);
    const z = b.node('Gemm', ['x', 'W', 'B'], 1, { alpha: attr.float(1), beta: attr.float(1) });
    b.node('Sigmoid', [z], ['p']);
    const sut = await ort.InferenceSession.create(b.toBytes());
    const x = Float32Array.from([1, 2, 3, -1, 0, 1]);
    const out = await sut.run({ x: new ort.Tensor('float32', x, [2, 3]) });
    const p = out.p.data as Float32Array;
    const ref = [0, 1].map(
      (r) => 1 / (1 + Math.exp(-(x[r * 3] * 0.5 - x[r * 3 + 1] + 2 * x[r * 3 + 2] + 0.25))),
    );
    expect(p[0]).toBeCloseTo(ref[0], 6);
    expect(p[1]).toBeCloseTo(ref[1], 6);
  });

  it('round-trips initializers through encode and decode', () => {
    const b = new OnnxGraphBuilder('g').input('x', 'int64', ['n']).output('x', 'int64', ['n']);
    b.initializer('E', Float32Array.from([1.5, -2.5]), [2]);
    const sut = decodeModel(b.toBytes());
    expect(Array.from(readInitializer(sut.graph!.initializer![0]) as Float32Array)).toEqual([1.5, -2.5]);
  });
});
