// The two-level result cache in front of the batcher, for models whose card says `cacheable`
// (deterministic). L1: in-process LRU (bounded by entries, bytes and age); L2: PostgreSQL, optional.
// An L2 outage degrades to misses and one warning; inference never fails because of the cache.
// L2 shares the service's connection pool, so it is bounded: at most `l2Concurrency` L2 queries in
// flight and `l2MaxQueuedWrites` writes waiting. Past the bound a read is a miss and a write is
// dropped (it is a cache): a long document's hundreds of packed requests once queued enough L2
// traffic to starve the request's own transaction of a connection (503 after the pool's 5 s wait).
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
  /** L2 queries in flight at most (default 4 of the pool's 10 connections). */
  l2Concurrency?: number;
  /** L2 writes waiting for a slot at most (default 256); more are dropped. */
  l2MaxQueuedWrites?: number;
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
  private l2InFlight = 0;
  private readonly l2Waiting: (() => void)[] = [];
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
    if (this.l2InFlight >= this.l2Concurrency) {
      metrics?.cacheL2Skipped.inc({ model, operation: 'read' });
      return undefined;
    }
    let remote: NamedTensors | undefined;
    this.l2InFlight++;
    try {
      remote = await l2.readOutputs(key);
      this.markL2(true);
    } catch (err) {
      this.markL2(false, err);
      return undefined;
    } finally {
      this.releaseL2();
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
    if (this.l2InFlight >= this.l2Concurrency && this.l2Waiting.length >= this.l2MaxQueuedWrites) {
      this.options.metrics?.cacheL2Skipped.inc({ model, operation: 'write' });
      return;
    }
    const write = this.acquireL2()
      .then(() => l2.writeOutputs(key, model, version, copy))
      .then(
        () => this.markL2(true),
        (err: unknown) => this.markL2(false, err),
      )
      .finally(() => this.releaseL2());
    this.pendingWrites.add(write);
    void write.finally(() => this.pendingWrites.delete(write));
  }

  /** Waits for background L2 writes (tests, shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.pendingWrites]);
  }

  private get l2Concurrency(): number {
    return Math.max(1, this.options.l2Concurrency ?? 4);
  }

  private get l2MaxQueuedWrites(): number {
    return Math.max(0, this.options.l2MaxQueuedWrites ?? 256);
  }

  /** A slot for one L2 query: now when one is free, else after the writes queued before it. */
  private acquireL2(): Promise<void> {
    if (this.l2InFlight < this.l2Concurrency) {
      this.l2InFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.l2Waiting.push(resolve));
  }

  /** Hands the slot to the next queued write, or frees it. */
  private releaseL2(): void {
    const next = this.l2Waiting.shift();
    if (next) next();
    else this.l2InFlight--;
  }

  private markL2(healthy: boolean, err?: unknown): void {
    if (!healthy && this.l2Healthy)
      this.logger.warn(`L2 result cache unavailable, serving without it: ${(err as Error).message}`);
    if (healthy && !this.l2Healthy) this.logger.log('L2 result cache available again');
    this.l2Healthy = healthy;
  }
}
