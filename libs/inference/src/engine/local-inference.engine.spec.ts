import { jest } from '@jest/globals';
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { writeModelVersion } from '../registry/model-version-writer.js';
import { buildGoldenMlp, goldenMlpCard, seededInputs } from '../../testing/index.js';
import { LocalInferenceEngine } from './local-inference.engine.js';
import { float32Tensor } from './tensor.js';

const SIZES = [8, 16, 12, 3];
const ATOL = 1e-5;

function quietLogger() {
  return { log: jest.fn(), warn: jest.fn() };
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, atol: number) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++)
    expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(atol);
}

describe('LocalInferenceEngine', () => {
  let root: string;
  let sut: LocalInferenceEngine;
  let logger: ReturnType<typeof quietLogger>;
  const mlp = buildGoldenMlp(SIZES, 7);
  const mlpV2 = buildGoldenMlp(SIZES, 8);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'inference-engine-'));
    const batching = { maxBatchSize: 16, maxQueueDelayMicros: 2000, maxQueueSize: 64 };
    await writeModelVersion(root, goldenMlpCard('mlp', '1', SIZES, { batching }), mlp.bytes);
    // Version 2 is corrupt (bytes changed after the card was written): version 1 must keep serving.
    const v2 = await writeModelVersion(root, goldenMlpCard('mlp', '2', SIZES, { batching }), mlpV2.bytes);
    await writeFile(join(v2.dir, 'model.onnx'), mlpV2.bytes.slice(0, 100));
    // Version 3 has lost its file.
    const v3 = await writeModelVersion(root, goldenMlpCard('mlp', '3', SIZES), mlpV2.bytes);
    await unlink(join(v3.dir, 'model.onnx'));
    // A model whose only version is not ONNX at all (its checksum matches: the load itself fails).
    await writeModelVersion(root, goldenMlpCard('broken', '1', SIZES), new TextEncoder().encode('not onnx'));
    logger = quietLogger();
    sut = await LocalInferenceEngine.create({
      modelsDir: root,
      pool: { workers: 1, intraOpNumThreads: 1, device: 'cuda' },
      metricsRegistry: new Registry(),
      logger,
    });
  });

  afterAll(async () => {
    await sut?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('matches an independent TypeScript reference of the MLP within atol 1e-5', async () => {
    const rows = 5;
    const x = seededInputs(rows, SIZES[0], 1);
    const result = await sut.infer('mlp', { x: float32Tensor(x, [rows, SIZES[0]]) });
    expect(result.modelVersion).toBe('1');
    expect(result.outputs.probabilities.dims).toEqual([rows, 3]);
    expectClose(result.outputs.probabilities.data as Float32Array, mlp.reference(x, rows), ATOL);
  });

  it('gives each concurrent caller its own rows when their requests are batched together', async () => {
    const requests = Array.from({ length: 12 }, (_, i) => ({
      rows: (i % 3) + 1,
      x: seededInputs((i % 3) + 1, 8, 100 + i),
    }));
    const results = await Promise.all(
      requests.map((r, i) =>
        sut.infer('mlp', { x: float32Tensor(r.x, [r.rows, 8]) }, { priority: i % 2, timeoutMs: 10_000 }),
      ),
    );
    results.forEach((result, i) =>
      expectClose(
        result.outputs.probabilities.data as Float32Array,
        mlp.reference(requests[i].x, requests[i].rows),
        ATOL,
      ),
    );
    const batches = await sut.metrics.batchSize.get();
    const count = batches.values.find((v) => v.metricName === 'inference_batch_size_count');
    expect(count?.value).toBeLessThan(12 + 2); // fewer batches than requests (+ the first test's)
  });

  it('falls back to the CPU with exactly one warning when CUDA is asked for but absent', () => {
    expect(sut.executionProvider).toBe('cpu');
    const cudaWarnings = logger.warn.mock.calls.filter(([m]) => String(m).includes('INFERENCE_DEVICE=cuda'));
    expect(cudaWarnings).toHaveLength(1);
  });

  it('reports a corrupt version not ready with its reason and keeps the previous version serving', async () => {
    const v2 = await sut.modelStatus('mlp', '2');
    expect(v2.ready).toBe(false);
    expect(v2.reason).toMatch(/sha256 mismatch/);
    const v3 = await sut.modelStatus('mlp', '3');
    expect(v3).toMatchObject({ ready: false, reason: 'model file missing' });
    expect(await sut.modelStatus('mlp')).toMatchObject({ version: '1', ready: true });
    await expect(
      sut.infer('mlp', { x: float32Tensor(seededInputs(1, 8, 3), [1, 8]) }, { version: '2' }),
    ).rejects.toMatchObject({
      code: 'MODEL_NOT_READY',
    });
  });

  it('stays up with a model that fails to load, which reports not ready with the reason', async () => {
    const broken = await sut.modelStatus('broken');
    expect(broken.ready).toBe(false);
    expect(broken.reason).toMatch(/^load failed/);
    await expect(
      sut.infer('broken', { x: float32Tensor(seededInputs(1, 8, 3), [1, 8]) }),
    ).rejects.toMatchObject({
      code: 'MODEL_NOT_READY',
    });
    expect(await sut.isReady()).toBe(false);
    expect((await sut.listModels()).map((m) => `${m.name}@${m.version}:${m.ready}`)).toEqual([
      'broken@1:false',
      'mlp@1:true',
      'mlp@2:false',
      'mlp@3:false',
    ]);
  });

  it('rejects inputs that do not match the card', async () => {
    await expect(sut.infer('mlp', { x: float32Tensor([1, 2, 3], [1, 3]) })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(sut.infer('mlp', { y: float32Tensor(seededInputs(1, 8, 1), [1, 8]) })).rejects.toMatchObject(
      {
        code: 'INVALID_INPUT',
      },
    );
    await expect(sut.infer('nope', {})).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
  });

  it('serves a version loaded after start once promoted, and rolls back', async () => {
    await writeModelVersion(root, goldenMlpCard('mlp', '4', SIZES), mlpV2.bytes);
    expect((await sut.loadVersion('mlp', '4')).ready).toBe(true);
    const x = seededInputs(2, 8, 9);
    expect((await sut.infer('mlp', { x: float32Tensor(x, [2, 8]) })).modelVersion).toBe('1');
    await sut.promote('mlp', '4');
    const promoted = await sut.infer('mlp', { x: float32Tensor(x, [2, 8]) });
    expect(promoted.modelVersion).toBe('4');
    expectClose(promoted.outputs.probabilities.data as Float32Array, mlpV2.reference(x, 2), ATOL);
    expect(await sut.rollback('mlp')).toBe('1');
    expect((await sut.infer('mlp', { x: float32Tensor(x, [2, 8]) })).modelVersion).toBe('1');
    await expect(sut.promote('mlp', '2')).rejects.toMatchObject({ code: 'MODEL_NOT_READY' });
  });

  it('counts requests by model, version and outcome', async () => {
    const text = await sut.metrics.registry.metrics();
    expect(text).toMatch(/inference_requests_total\{model="mlp",version="1",outcome="ok"\} \d+/);
    expect(text).toMatch(
      /inference_requests_total\{model="\(unknown\)",version="",outcome="MODEL_NOT_FOUND"\} 1/,
    );
    expect(text).toMatch(/inference_models_ready 1/);
  });
});
