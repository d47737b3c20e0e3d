// Loading one model into several workers: each gets its own copy of the bytes, whatever typed array
// they come in (readFile gives a Buffer, whose slice() is a view, not a copy).
import { OnnxGraphBuilder } from '@suite/onnx';
import { SessionWorkerPool } from './session-worker-pool.js';
import { float32Tensor } from './tensor.js';

const quiet = { log: () => undefined, warn: () => undefined };

describe('SessionWorkerPool with two workers', () => {
  it('loads a model given as a Buffer into both and runs it on either', async () => {
    const b = new OnnxGraphBuilder('double')
      .input('x', 'float32', ['batch', 2])
      .output('y', 'float32', ['batch', 2]);
    b.initializer('two', Float32Array.of(2), [1]);
    b.node('Mul', ['x', 'two'], ['y']);
    // Buffer.alloc: an ArrayBuffer of its own, as readFile gives for a model (not the shared pool).
    const model = b.toBytes();
    const bytes = Buffer.alloc(model.length);
    bytes.set(model);
    const sut = await SessionWorkerPool.start({ workers: 2, intraOpNumThreads: 1, logger: quiet });
    try {
      await sut.loadSession('double', bytes);
      expect(sut.size).toBe(2);
      expect(bytes.buffer.byteLength).toBeGreaterThan(0); // still ours: not moved to a worker
      // Two runs at once go to different workers (fewest in flight).
      const outs = await Promise.all(
        [1, 3].map((v) => sut.runSession('double', { x: float32Tensor(Float32Array.of(v, -v), [1, 2]) })),
      );
      expect(outs.map((o) => Array.from(o.y.data as Float32Array))).toEqual([
        [2, -2],
        [6, -6],
      ]);
    } finally {
      await sut.close();
    }
  });
});
