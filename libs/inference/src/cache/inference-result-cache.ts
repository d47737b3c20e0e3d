// The two-level result cache in front of the batcher, for models whose card says `cacheable`
// (deterministic). L1: in-process LRU (bounded by entries, bytes and age); L2: PostgreSQL, optional.
// An L2 outage degrades to misses and one warning; inference never fails because of the cache.
import { Logger } from '@nestjs/common';
import type { Clock } from '../engine/clock.js';
import type { EngineLogger } from '../engine/execution-provider.js';
import { byteSizeOf, copyTensors } from '../engine/tensor-batch.js';
import type { NamedTensors } from '../engine/tensor.js';
import type { CacheLevel, InferenceMetrics } from '../metrics/inference-metrics.js';
import { LruCache } from './lru-cache.js';
import type { PostgresResultCache } from './postgres-result-cache.js';
import { resultCacheKey } from './tensor-codec.js';

export interface ResultCacheLimits {
  maxEntries?: number;
  maxBytes?: number;
  ttlMs?: number;
}

export interface ResultCacheOptions {
  l1?: ResultCacheLimits;
  l2?: PostgresResultCache;
  metrics?: InferenceMetrics;
  clock?: Clock;
  logger?: EngineLogger;
}

export interface CachedResult {
  outputs: NamedTensors;
  level: CacheLevel;
}

export class InferenceResultCache {
  readonly l1: LruCache<string, NamedTensors>;
  private readonly pendingWrites = new Set<Promise<void>>();
  private l2Healthy = true;
  private readonly logger: EngineLogger;

  constructor(private readonly options: ResultCacheOptions = {}) {
    this.l1 = new LruCache<string, NamedTensors>({
      maxEntries: options.l1?.maxEntries ?? 10_000,
      maxBytes: options.l1?.maxBytes ?? 64 * 1024 * 1024,
      ttlMs: options.l1?.ttlMs ?? 10 * 60_000,
      sizeOf: byteSizeOf,
      clock: options.clock,
    });
    this.logger = options.logger ?? new Logger('InferenceResultCache');
  }

  get hasL2(): boolean {
    return this.options.l2 !== undefined;
  }

  keyOf(model: string, version: string, inputs: NamedTensors): string {
    return resultCacheKey(model, version, inputs);
  }

  async lookup(model: string, key: string): Promise<CachedResult | undefined> {
    const metrics = this.options.metrics;
    const local = this.l1.get(key);
    metrics?.recordCache(model, 'l1', local !== undefined);
    // Copies both ways: a caller that edits its outputs must not edit the cache.
    if (local) return { outputs: copyTensors(local), level: 'l1' };
    const l2 = this.options.l2;
    if (!l2) return undefined;
    let remote: NamedTensors | undefined;
    try {
      remote = await l2.readOutputs(key);
      this.markL2(true);
    } catch (err) {
      this.markL2(false, err);
      return undefined;
    }
    metrics?.recordCache(model, 'l2', remote !== undefined);
    if (!remote) return undefined;
    this.l1.set(key, copyTensors(remote));
    return { outputs: remote, level: 'l2' };
  }

  /** Stores in L1 now and in L2 in the background (see flush()). */
  store(model: string, version: string, key: string, outputs: NamedTensors): void {
    const copy = copyTensors(outputs);
    this.l1.set(key, copy);
    const l2 = this.options.l2;
    if (!l2) return;
    const write = l2.writeOutputs(key, model, version, copy).then(
      () => this.markL2(true),
      (err: unknown) => this.markL2(false, err),
    );
    this.pendingWrites.add(write);
    void write.finally(() => this.pendingWrites.delete(write));
  }

  /** Waits for background L2 writes (tests, shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.pendingWrites]);
  }

  private markL2(healthy: boolean, err?: unknown): void {
    if (!healthy && this.l2Healthy)
      this.logger.warn(`L2 result cache unavailable, serving without it: ${(err as Error).message}`);
    if (healthy && !this.l2Healthy) this.logger.log('L2 result cache available again');
    this.l2Healthy = healthy;
  }
}
