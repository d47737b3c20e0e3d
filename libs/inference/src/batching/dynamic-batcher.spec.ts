import fc from 'fast-check';
import { DomainError, httpStatusOf } from '@suite/platform';
import { ManualClock } from '../engine/clock.js';
import type { NamedTensors } from '../engine/tensor.js';
import {
  type BatcherConfig,
  type BatchedResult,
  DynamicBatcher,
  type SequenceLayout,
} from './dynamic-batcher.js';

// A fake model on the manual clock: y = 10 x, computed in `computeMs` of clock time.
function fakeModel(clock: ManualClock, computeMs: number) {
  const batches: { rows: number; at: number; inputs: NamedTensors }[] = [];
  const runBatch = (inputs: NamedTensors, rows: number): Promise<NamedTensors> => {
    batches.push({ rows, at: clock.now(), inputs });
    return new Promise((resolve) =>
      clock.schedule(() => {
        const x = inputs.x;
        const y = Float32Array.from(x.data as Float32Array, (v) => v * 10);
        resolve({ y: { dtype: 'float32', dims: [...x.dims], data: y } });
      }, computeMs),
    );
  };
  return { batches, runBatch };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function rowsOf(values: number[], width = 1): NamedTensors {
  return { x: { dtype: 'float32', dims: [values.length / width, width], data: Float32Array.from(values) } };
}

function makeSut(config: Partial<BatcherConfig>, computeMs = 5, extra: { sequence?: SequenceLayout } = {}) {
  const clock = new ManualClock();
  const model = fakeModel(clock, computeMs);
  const sut = new DynamicBatcher({
    model: 'fake',
    config: { maxBatchSize: 4, maxQueueDelayMicros: 2000, maxQueueSize: 100, ...config },
    maxConcurrentBatches: 1,
    clock,
    runBatch: model.runBatch,
    ...extra,
  });
  return { sut, clock, batches: model.batches };
}

describe('DynamicBatcher', () => {
  it('sends a full batch at once, without waiting for the delay', async () => {
    const { sut, batches } = makeSut({ maxBatchSize: 4 });
    for (let i = 0; i < 4; i++) void sut.submit(rowsOf([i]), 1);
    await settle();
    expect(batches.map((b) => b.rows)).toEqual([4]);
  });

  it('sends a partial batch only when the oldest request has waited the queue delay', async () => {
    const { sut, clock, batches } = makeSut({ maxBatchSize: 8, maxQueueDelayMicros: 2000 });
    void sut.submit(rowsOf([1]), 1);
    clock.advance(1);
    void sut.submit(rowsOf([2]), 1);
    clock.advance(0.999);
    await settle();
    expect(batches).toHaveLength(0);
    clock.advance(0.001);
    await settle();
    expect(batches.map((b) => [b.rows, b.at])).toEqual([[2, 2]]);
  });

  it('never sends more rows than maxBatchSize, and takes multi-row requests whole', async () => {
    const { sut, clock, batches } = makeSut({ maxBatchSize: 5 }, 1);
    const sizes = [2, 3, 1, 4, 2, 5, 1, 1, 3];
    const results = sizes.map((n, i) => sut.submit(rowsOf(Array.from({ length: n }, () => i)), n));
    for (let t = 0; t < 30; t++) {
      clock.advance(1);
      await settle();
    }
    await Promise.all(results);
    expect(batches.every((b) => b.rows <= 5)).toBe(true);
    expect(batches.reduce((n, b) => n + b.rows, 0)).toBe(sizes.reduce((a, b) => a + b, 0));
  });

  it('gives each caller its own rows, with mixed priorities and multi-row requests', async () => {
    const { sut, clock, batches } = makeSut({ maxBatchSize: 6 }, 3);
    const blocker = sut.submit(rowsOf([0, 0, 0, 0, 0, 0]), 6); // occupies the only instance
    await settle();
    const requests = [
      { values: [1, 2], priority: 2 },
      { values: [3], priority: 0 },
      { values: [4, 5, 6], priority: 1 },
      { values: [7], priority: 0 },
      { values: [8, 9], priority: 2 },
    ];
    const pending = requests.map((r) =>
      sut.submit(rowsOf(r.values), r.values.length, { priority: r.priority }),
    );
    for (let t = 0; t < 20; t++) {
      clock.advance(1);
      await settle();
    }
    await blocker;
    const results = await Promise.all(pending);
    results.forEach((result, i) => {
      expect(Array.from(result.outputs.y.data as Float32Array)).toEqual(
        requests[i].values.map((v) => v * 10),
      );
      expect(result.outputs.y.dims).toEqual([requests[i].values.length, 1]);
    });
    // The batch after the blocker is filled in priority order: 3 and 7 (p0), then 4,5,6 (p1).
    expect(Array.from(batches[1].inputs.x.data as Float32Array)).toEqual([3, 7, 4, 5, 6]);
  });

  it('refuses at once with INFERENCE_QUEUE_FULL (HTTP 503, Retry-After) when the queue is full', async () => {
    const { sut } = makeSut({ maxBatchSize: 4, maxQueueDelayMicros: 1_000_000, maxQueueSize: 2 });
    const queued = [sut.submit(rowsOf([1]), 1), sut.submit(rowsOf([2]), 1)].map((p) =>
      p.catch(() => 'closed'),
    );
    const error = await sut.submit(rowsOf([3]), 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INFERENCE_QUEUE_FULL');
    expect(httpStatusOf((error as DomainError).code)).toBe(503);
    expect((error as DomainError).details?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    sut.close();
    expect(await Promise.all(queued)).toEqual(['closed', 'closed']);
  });

  it('times out a request that waits in the queue longer than its timeout', async () => {
    const { sut, clock, batches } = makeSut({ maxBatchSize: 1 }, 50);
    const running = sut.submit(rowsOf([1]), 1);
    await settle();
    const waiting = sut.submit(rowsOf([2]), 1, { timeoutMs: 10 });
    const outcome = waiting.catch((e: DomainError) => e.code);
    clock.advance(9.9);
    await settle();
    expect(sut.queuedRequests).toBe(1);
    clock.advance(0.1);
    expect(await outcome).toBe('INFERENCE_TIMEOUT');
    expect(sut.queuedRequests).toBe(0);
    clock.advance(50);
    await running;
    expect(batches).toHaveLength(1);
  });

  it('rejects a request larger than maxBatchSize as invalid input', async () => {
    const { sut } = makeSut({ maxBatchSize: 2 });
    await expect(sut.submit(rowsOf([1, 2, 3]), 3)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('refuses queued requests on close', async () => {
    const { sut } = makeSut({ maxBatchSize: 4 });
    const queued = sut.submit(rowsOf([1]), 1);
    sut.close();
    await expect(queued).rejects.toMatchObject({ code: 'MODEL_NOT_READY' });
  });

  it('keeps every queue wait within the delay plus one batch compute when load is within capacity', async () => {
    const delayMs = 2;
    const computeMs = 5;
    const maxBatchSize = 8;
    // At most maxBatchSize arrivals in any window of delay + compute: the load one instance can carry.
    const minGap = (delayMs + computeMs) / maxBatchSize;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.double({ min: minGap, max: 4 * minGap, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 60, maxLength: 60 }),
        async (gaps, priorities) => {
          const { sut, clock, batches } = makeSut(
            { maxBatchSize, maxQueueDelayMicros: delayMs * 1000 },
            computeMs,
          );
          const arrivals = gaps.reduce<number[]>((acc, g) => [...acc, (acc.at(-1) ?? 0) + g], []);
          const results: Promise<BatchedResult>[] = [];
          let next = 0;
          while (next < arrivals.length || clock.pendingTimers() > 0) {
            const due = Math.min(arrivals[next] ?? Infinity, clock.nextTimerAt() ?? Infinity);
            clock.advance(due - clock.now());
            await settle();
            while (next < arrivals.length && arrivals[next] <= clock.now()) {
              results.push(sut.submit(rowsOf([next]), 1, { priority: priorities[next] }));
              next++;
            }
            await settle();
          }
          const done = await Promise.all(results);
          for (const r of done) expect(r.queueMs).toBeLessThanOrEqual(delayMs + computeMs + 1e-9);
          expect(batches.every((b) => b.rows <= maxBatchSize)).toBe(true);
          done.forEach((r, i) => expect((r.outputs.y.data as Float32Array)[0]).toBe(i * 10));
        },
      ),
      { seed: 20260101, numRuns: 40 },
    );
  });

  describe('sequence models', () => {
    const sequence: SequenceLayout = { inputs: { x: -1 }, outputs: ['y'] };

    function sequenceOf(length: number, fill: number): NamedTensors {
      return { x: { dtype: 'float32', dims: [1, length], data: new Float32Array(length).fill(fill) } };
    }

    it('groups similar lengths under the token budget, pads with the pad value and trims outputs', async () => {
      const { sut, clock, batches } = makeSut(
        { maxBatchSize: 8, maxBatchTokens: 24, maxQueueDelayMicros: 1000 },
        1,
        { sequence },
      );
      const lengths = [3, 10, 4, 11, 3, 12];
      const pending = lengths.map((len, i) => sut.submit(sequenceOf(len, i + 1), 1));
      for (let t = 0; t < 20; t++) {
        clock.advance(1);
        await settle();
      }
      const results = await Promise.all(pending);
      for (const b of batches) expect(b.rows * b.inputs.x.dims[1]).toBeLessThanOrEqual(24);
      // Short with short, long alone or with long: never a length-3 row padded to 10+.
      for (const b of batches) {
        const data = b.inputs.x.data as Float32Array;
        const width = b.inputs.x.dims[1];
        for (let r = 0; r < b.rows; r++) {
          const row = Array.from(data.subarray(r * width, (r + 1) * width));
          const own = row.filter((v) => v !== -1).length;
          expect(width - own).toBeLessThanOrEqual(2);
          expect(row.slice(own).every((v) => v === -1)).toBe(true);
        }
      }
      results.forEach((r, i) => {
        expect(r.outputs.y.dims).toEqual([1, lengths[i]]);
        expect(Array.from(r.outputs.y.data as Float32Array)).toEqual(
          new Array(lengths[i]).fill((i + 1) * 10),
        );
      });
    });

    it('reports real and padded tokens; count-only batching (no length grouping) pads more', async () => {
      const lengths = [3, 10, 4, 11, 3, 12, 4, 10];
      const waste: Record<string, number> = {};
      for (const lengthGrouping of [true, false]) {
        const reports: { paddedTokens?: number; realTokens?: number }[] = [];
        const clock = new ManualClock();
        const model = fakeModel(clock, 1);
        const sut = new DynamicBatcher({
          model: 'fake',
          config: {
            maxBatchSize: 4,
            maxBatchTokens: 64,
            maxQueueDelayMicros: 1000,
            maxQueueSize: 100,
            lengthGrouping,
          },
          maxConcurrentBatches: 1,
          clock,
          runBatch: model.runBatch,
          sequence,
          onBatch: (r) => reports.push(r),
        });
        const pending = lengths.map((len, i) => sut.submit(sequenceOf(len, i + 1), 1));
        for (let t = 0; t < 20; t++) {
          clock.advance(1);
          await settle();
        }
        await Promise.all(pending);
        const real = reports.reduce((n, r) => n + r.realTokens!, 0);
        const padded = reports.reduce((n, r) => n + r.paddedTokens!, 0);
        expect(real).toBe(lengths.reduce((a, b) => a + b, 0));
        expect(padded).toBe(model.batches.reduce((n, b) => n + b.rows * b.inputs.x.dims[1], 0));
        waste[String(lengthGrouping)] = 1 - real / padded;
      }
      expect(waste.true).toBeLessThan(waste.false);
    });

    it('rejects a request that alone exceeds the token budget', async () => {
      const { sut } = makeSut({ maxBatchSize: 8, maxBatchTokens: 8 }, 1, { sequence });
      await expect(sut.submit(sequenceOf(9, 1), 1)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    });
  });
});
