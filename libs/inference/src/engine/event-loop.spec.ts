import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeModelVersion } from '../registry/model-version-writer.js';
import { buildGoldenMlp, goldenMlpCard, seededInputs } from '../../testing/index.js';
import { LocalInferenceEngine } from './local-inference.engine.js';
import { float32Tensor, type Tensor } from './tensor.js';

// Under saturating load the event loop must stay responsive: sessions run in worker threads. A full
// batch here is ~1.6 G multiply-adds (~50 ms on one AVX2 core), so running it on the main thread
// would push a 10 ms timer's lag past the bound with every batch. The target is a p99 lag under
// 20 ms; `npm run bench -- inference` reports it precisely (about 3 ms). This test runs beside another
// jest worker and PostgreSQL on two cores, where the OS alone deschedules the main thread for 20+ ms
// now and then, so its bound is the generous one: 40 ms, still below one heavy batch on the main thread.
const LAG_BOUND_MS = 40;
// Light round trips keep the main thread itself busy (64 callers answered within microseconds), so the
// OS shares two cores between it, the session worker and the other jest worker: lag p99 reached 59 ms in
// CI. What this test guards against is starvation (timers waiting while port messages drain in bulk),
// which shows as lag of the whole load's length (seconds), so its bound is 150 ms.
const LIGHT_LAG_BOUND_MS = 150;
const SIZES = [1024, 2048, 2048, 10];
const ROWS = 16;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

describe('event loop under saturating inference load', () => {
  let root: string;
  let sut: LocalInferenceEngine;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'inference-loop-'));
    const card = goldenMlpCard('heavy', '1', SIZES, {
      batching: { maxBatchSize: 256, maxQueueDelayMicros: 1000, maxQueueSize: 256 },
    });
    await writeModelVersion(root, card, buildGoldenMlp(SIZES, 3).bytes);
    const light = goldenMlpCard('light', '1', [32, 32, 4], {
      batching: { maxBatchSize: 64, maxQueueDelayMicros: 100, maxQueueSize: 256 },
    });
    await writeModelVersion(root, light, buildGoldenMlp([32, 32, 4], 4).bytes);
    sut = await LocalInferenceEngine.create({
      modelsDir: root,
      pool: { workers: 1, intraOpNumThreads: 1 },
      logger: { log: () => undefined, warn: () => undefined },
    });
  });

  afterAll(async () => {
    await sut?.close();
    await rm(root, { recursive: true, force: true });
  });

  async function lagUnderLoad(model: string, x: Tensor, clients: number) {
    let running = true;
    let completed = 0;
    const client = async () => {
      while (running) {
        await sut.infer(model, { x });
        completed++;
      }
    };
    const loops = Array.from({ length: clients }, client);
    const lags: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      lags.push(Math.max(0, now - last - 10));
      last = now;
    }, 10);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    clearInterval(timer);
    running = false;
    await Promise.all(loops);
    return { completed, lags };
  }

  it('keeps the p99 lag of a 10 ms timer under the bound while heavy batches run', async () => {
    const x = float32Tensor(seededInputs(ROWS, SIZES[0], 5), [ROWS, SIZES[0]]);
    const { completed, lags } = await lagUnderLoad('heavy', x, 32);
    expect(completed).toBeGreaterThan(32); // the load really ran
    expect(lags.length).toBeGreaterThan(50);
    expect(percentile(lags, 99)).toBeLessThan(LAG_BOUND_MS);
  });

  // Light batches answered within microseconds: the replies must not starve timers either (Node
  // drains port messages in bulk; see SessionWorkerPool.receive).
  it('keeps the p99 lag under the bound with fast round trips at concurrency 64', async () => {
    const x = float32Tensor(seededInputs(1, 32, 6), [1, 32]);
    const { completed, lags } = await lagUnderLoad('light', x, 64);
    expect(completed).toBeGreaterThan(1000);
    expect(lags.length).toBeGreaterThan(50);
    expect(percentile(lags, 99)).toBeLessThan(LIGHT_LAG_BOUND_MS);
  });
});
