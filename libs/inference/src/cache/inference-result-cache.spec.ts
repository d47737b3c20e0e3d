// Medium tier: the two-level cache and persisted promotions through the real engine, on a database of
// its own created for this file and migrated by the inference migration.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { InferenceSchema1764300000000 } from '../../../../migrations/1764300000000-inference-schema.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { buildGoldenMlp, goldenMlpCard, seededInputs } from '../../testing/index.js';
import { LocalInferenceEngine } from '../engine/local-inference.engine.js';
import { float32Tensor } from '../engine/tensor.js';
import { writeModelVersion } from '../registry/model-version-writer.js';
import { InferenceMetrics } from '../metrics/inference-metrics.js';
import { InferenceResultCache } from './inference-result-cache.js';
import { PostgresResultCache } from './postgres-result-cache.js';

const SIZES = [6, 10, 4];
const quiet = { log: () => undefined, warn: () => undefined };

async function counter(registry: Registry, name: string, labels: Record<string, string>): Promise<number> {
  const metric = await registry.getSingleMetric(name)?.get();
  const found = metric?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return found?.value ?? 0;
}

function newDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations: [InferenceSchema1764300000000],
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    logging: false,
  });
}

describe('two-level result cache (PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let root: string;
  const v1 = buildGoldenMlp(SIZES, 11);
  const v2 = buildGoldenMlp(SIZES, 12);
  const x = () => ({ x: float32Tensor(seededInputs(3, SIZES[0], 4), [3, SIZES[0]]) });

  const start = (registry = new Registry(), ds: DataSource = dataSource) =>
    LocalInferenceEngine.create({
      modelsDir: root,
      dataSource: ds,
      metricsRegistry: registry,
      pool: { workers: 1, intraOpNumThreads: 1 },
      logger: quiet,
    });

  beforeAll(async () => {
    db = await createTestDatabase('inference_test');
    dataSource = newDataSource(db.url);
    await dataSource.initialize();
    await dataSource.runMigrations();
    root = await mkdtemp(join(tmpdir(), 'inference-cache-'));
    await writeModelVersion(root, goldenMlpCard('scorer', '1', SIZES, { cacheable: true }), v1.bytes);
    await writeModelVersion(root, goldenMlpCard('scorer', '2', SIZES, { cacheable: true }), v2.bytes);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
    await rm(root, { recursive: true, force: true });
  });

  it('serves an L2 hit after a restart, without running the model, and counts hits per level', async () => {
    const first = await start();
    await first.promote('scorer', '1');
    const computed = await first.infer('scorer', x());
    expect(computed.modelVersion).toBe('1');
    expect(await counter(first.metrics.registry, 'inference_cache_misses_total', { level: 'l1' })).toBe(1);
    expect(await counter(first.metrics.registry, 'inference_cache_misses_total', { level: 'l2' })).toBe(1);
    await first.close(); // waits for the background L2 write

    const registry = new Registry();
    const restarted = await start(registry);
    try {
      const fromL2 = await restarted.infer('scorer', x());
      expect(fromL2.modelVersion).toBe('1');
      expect(Array.from(fromL2.outputs.probabilities.data as Float32Array)).toEqual(
        Array.from(computed.outputs.probabilities.data as Float32Array),
      );
      expect(fromL2.outputs.probabilities.dims).toEqual([3, SIZES[2]]);
      expect(await counter(registry, 'inference_cache_hits_total', { model: 'scorer', level: 'l2' })).toBe(1);
      await restarted.infer('scorer', x());
      expect(await counter(registry, 'inference_cache_hits_total', { model: 'scorer', level: 'l1' })).toBe(1);
      // No batch ever ran in this process: both answers came from the cache.
      expect(await counter(registry, 'inference_batch_size', {})).toBe(0);
    } finally {
      await restarted.close();
    }
  });

  it('never serves one version the cached output of another, and keeps promotions across restarts', async () => {
    const registry = new Registry();
    const engine = await start(registry);
    try {
      await engine.promote('scorer', '2');
      const result = await engine.infer('scorer', x());
      expect(result.modelVersion).toBe('2');
      const expected = v2.reference(x().x.data as Float32Array, 3);
      const actual = result.outputs.probabilities.data as Float32Array;
      for (let i = 0; i < expected.length; i++)
        expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(1e-5);
      expect(await counter(registry, 'inference_cache_hits_total', { level: 'l2' })).toBe(0);
    } finally {
      await engine.close();
    }
    const rows = (await dataSource.query(
      'SELECT model_version FROM inference.result_cache ORDER BY model_version',
    )) as { model_version: string }[];
    expect(rows.map((r) => r.model_version)).toEqual(['1', '2']);

    const again = await start();
    try {
      expect(again.registry.servingVersion('scorer')).toBe('2');
      expect(await again.rollback('scorer')).toBe('1');
    } finally {
      await again.close();
    }
  });

  it('keeps answering, from the model, when the L2 database is gone', async () => {
    const lost = newDataSource(db.url);
    await lost.initialize();
    const engine = await start(new Registry(), lost);
    try {
      await lost.destroy();
      const result = await engine.infer('scorer', {
        x: float32Tensor(seededInputs(1, SIZES[0], 99), [1, SIZES[0]]),
      });
      expect(result.outputs.probabilities.dims).toEqual([1, SIZES[2]]);
    } finally {
      await engine.close();
    }
  });

  it('has a reversible migration', async () => {
    await dataSource.undoLastMigration();
    const schemas = (await dataSource.query(
      "SELECT 1 FROM information_schema.schemata WHERE schema_name = 'inference'",
    )) as unknown[];
    expect(schemas).toHaveLength(0);
    await dataSource.runMigrations();
  });
  it('bounds its L2 traffic: queries in flight, queued writes, reads past the bound served as misses', async () => {
    // The real PostgreSQL cache, counting the queries it has in flight.
    let inFlight = 0;
    let peak = 0;
    class CountingL2 extends PostgresResultCache {
      private async counted<T>(run: () => Promise<T>): Promise<T> {
        peak = Math.max(peak, ++inFlight);
        try {
          return await run();
        } finally {
          inFlight--;
        }
      }
      override readOutputs(key: string) {
        return this.counted(() => super.readOutputs(key));
      }
      override writeOutputs(...args: Parameters<PostgresResultCache['writeOutputs']>) {
        return this.counted(() => super.writeOutputs(...args));
      }
    }
    const registry = new Registry();
    const cache = new InferenceResultCache({
      l2: new CountingL2(dataSource),
      l2Concurrency: 2,
      l2MaxQueuedWrites: 5,
      metrics: new InferenceMetrics(registry),
      logger: quiet,
    });
    const outputs = x();
    for (let i = 0; i < 20; i++) cache.store('bounded', '1', `bounded-${i}`, outputs);
    // Two writes run, five wait, thirteen are dropped; a read while the slots are taken is a miss.
    expect(await counter(registry, 'inference_cache_l2_skipped_total', { operation: 'write' })).toBe(13);
    cache.l1.clear();
    expect(await cache.lookup('bounded', 'bounded-0')).toBeUndefined();
    expect(await counter(registry, 'inference_cache_l2_skipped_total', { operation: 'read' })).toBe(1);
    await cache.flush();
    expect(peak).toBe(2);
    const rows = (await dataSource.query(
      "SELECT count(*)::int AS n FROM inference.result_cache WHERE model = 'bounded'",
    )) as { n: number }[];
    expect(rows[0].n).toBe(7);
    // With the slots free again, a stored row is read back from L2.
    expect((await cache.lookup('bounded', 'bounded-0'))?.level).toBe('l2');
  });
});
