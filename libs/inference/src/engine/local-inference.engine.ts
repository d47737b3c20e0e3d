// The in-process InferenceBackend: model registry + worker-thread sessions + dynamic batcher per
// model version + two-level result cache + metrics. Services get it through INFERENCE_BACKEND and
// move to a remote Triton/KServe server (RemoteInferenceBackend) by configuration alone.
import { Logger } from '@nestjs/common';
import { DomainError } from '@suite/platform';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { type BatcherConfig, DynamicBatcher, type SequenceLayout } from '../batching/dynamic-batcher.js';
import { InferenceResultCache, type ResultCacheLimits } from '../cache/inference-result-cache.js';
import { PostgresResultCache } from '../cache/postgres-result-cache.js';
import { InferenceMetrics } from '../metrics/inference-metrics.js';
import type { ModelCard } from '../registry/model-card.js';
import { ModelRegistry, type ModelVersionState } from '../registry/model-registry.service.js';
import { PostgresServingVersionStore } from '../registry/serving-version.store.js';
import { type Clock, systemClock } from './clock.js';
import { type EngineLogger, parseDevice, type ThreadPlan } from './execution-provider.js';
import type { InferenceBackend, InferOptions, InferResult, ModelStatus } from './inference-backend.js';
import { SessionWorkerPool, type SessionPoolOptions } from './session-worker-pool.js';
import { validateInputs } from './tensor-batch.js';
import type { NamedTensors } from './tensor.js';

export interface LocalInferenceEngineOptions {
  /** The model repository: <modelsDir>/<name>/<version>/model.onnx + model.json. */
  modelsDir: string;
  /** Models and versions to load; default every one found. */
  models?: Record<string, string[] | 'all'>;
  /** Initialised and migrated; enables the L2 cache and persisted promotions. */
  dataSource?: DataSource;
  metricsRegistry?: Registry;
  /** Workers, intra/inter-op threads, device (default: INFERENCE_DEVICE, else cpu). */
  pool?: SessionPoolOptions;
  cache?: ResultCacheLimits & { l2?: boolean };
  /** Queue timeout of a request that sets none. */
  defaultTimeoutMs?: number;
  /** Batching of models whose card has none: by default each request runs alone. */
  defaultBatching?: BatcherConfig;
  /**
   * Batches each worker holds at once (default 2): the next one waits in the worker while the current
   * one runs, so a worker never idles for the round trip (result back, next batch planned and sent).
   */
  batchesPerWorker?: number;
  clock?: Clock;
  logger?: EngineLogger;
}

// Engines open in this process (created, not yet closed). Each sizes its worker pool to the whole
// machine (execution-provider.ts), so a process must hold one: the e2e tests check this count.
let openEngines = 0;

/** How many LocalInferenceEngines this process holds open now. */
export function openInferenceEngineCount(): number {
  return openEngines;
}

const NO_BATCHING: BatcherConfig = { maxBatchSize: 0, maxQueueDelayMicros: 0, maxQueueSize: 1024 };

/** Sequence models pad inputs and trim outputs whose dim 1 is dynamic in the card. */
export function sequenceLayoutOf(card: ModelCard): SequenceLayout | undefined {
  const batching = card.batching;
  if (batching?.maxBatchTokens === undefined) return undefined;
  const isSequence = (shape: number[]) => shape.length >= 2 && shape[1] < 0;
  const pad = batching.padValue;
  const inputs: Record<string, number> = {};
  for (const spec of card.inputs)
    if (isSequence(spec.shape)) inputs[spec.name] = typeof pad === 'number' ? pad : (pad?.[spec.name] ?? 0);
  return { inputs, outputs: card.outputs.filter((o) => isSequence(o.shape)).map((o) => o.name) };
}

export class LocalInferenceEngine implements InferenceBackend {
  private readonly batchers = new Map<string, DynamicBatcher>();
  private closed = false;

  private constructor(
    private readonly pool: SessionWorkerPool,
    readonly registry: ModelRegistry,
    readonly resultCache: InferenceResultCache,
    readonly metrics: InferenceMetrics,
    private readonly options: LocalInferenceEngineOptions,
    private readonly clock: Clock,
  ) {}

  static async create(options: LocalInferenceEngineOptions): Promise<LocalInferenceEngine> {
    const logger = options.logger ?? new Logger('LocalInferenceEngine');
    const clock = options.clock ?? systemClock;
    const metrics = new InferenceMetrics(options.metricsRegistry ?? new Registry());
    const pool = await SessionWorkerPool.start({
      logger,
      ...options.pool,
      device: options.pool?.device ?? parseDevice(process.env.INFERENCE_DEVICE),
    });
    const ds = options.dataSource;
    const registry = new ModelRegistry({
      root: options.modelsDir,
      sessions: pool,
      store: ds ? new PostgresServingVersionStore(ds) : undefined,
      models: options.models,
      logger,
      onChange: () => {
        const counts = registry.counts();
        metrics.modelsLoaded.set(counts.loaded);
        metrics.modelsReady.set(counts.serving);
      },
    });
    const cache = new InferenceResultCache({
      l1: options.cache,
      l2: ds && options.cache?.l2 !== false ? new PostgresResultCache(ds) : undefined,
      metrics,
      clock,
      logger,
    });
    const engine = new LocalInferenceEngine(pool, registry, cache, metrics, options, clock);
    try {
      await registry.loadRepository();
    } catch (err) {
      await pool.close();
      throw err;
    }
    openEngines++;
    return engine;
  }

  get executionProvider(): 'cpu' | 'cuda' {
    return this.pool.executionProvider;
  }

  get threadPlan(): ThreadPlan {
    return this.pool.threads;
  }

  async infer(model: string, inputs: NamedTensors, options: InferOptions = {}): Promise<InferResult> {
    const started = this.clock.now();
    // Names a caller made up never become label values (unbounded series).
    let labels = { model: this.registry.has(model) ? model : '(unknown)', version: options.version ?? '' };
    try {
      if (this.closed) throw new DomainError('SERVICE_UNAVAILABLE', 'the inference engine is closed');
      const state = this.registry.resolve(model, options.version);
      labels = { model, version: state.version };
      const rows = validateInputs(model, inputs, state.card.inputs);
      const outputs = await this.inferRows(state, inputs, rows, options);
      this.observe(labels, 'ok', started);
      return { modelName: model, modelVersion: state.version, outputs };
    } catch (err) {
      this.observe(labels, err instanceof DomainError ? err.code : 'INTERNAL', started);
      throw err;
    }
  }

  async modelStatus(model: string, version?: string): Promise<ModelStatus> {
    return this.registry.status(model, version);
  }

  async listModels(): Promise<ModelStatus[]> {
    return this.registry.list();
  }

  /** Ready when every model in the repository has a warmed-up version serving. */
  async isReady(): Promise<boolean> {
    if (this.closed) return false;
    const counts = this.registry.counts();
    return counts.serving === counts.models;
  }

  promote(model: string, version: string): Promise<void> {
    return this.registry.promote(model, version);
  }

  rollback(model: string): Promise<string> {
    return this.registry.rollback(model);
  }

  /** Loads a version written after start (e.g. by a trainer); promote() makes it serve. */
  loadVersion(model: string, version: string): Promise<ModelVersionState> {
    return this.registry.loadVersion(model, version);
  }

  async unloadVersion(model: string, version: string): Promise<void> {
    await this.registry.unloadVersion(model, version);
    const key = `${model}@${version}`;
    this.batchers.get(key)?.close();
    this.batchers.delete(key);
  }

  async loadModel(model: string): Promise<void> {
    await this.registry.loadModel(model);
  }

  async unloadModel(model: string): Promise<void> {
    for (const version of await this.registry.unloadModel(model)) {
      this.batchers.get(`${model}@${version}`)?.close();
      this.batchers.delete(`${model}@${version}`);
    }
  }

  /** Refuses new requests and queued ones, waits for background cache writes, stops the workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    openEngines--;
    for (const batcher of this.batchers.values()) batcher.close();
    this.batchers.clear();
    await this.resultCache.flush();
    await this.pool.close();
  }

  private async inferRows(
    state: ModelVersionState & { card: ModelCard },
    inputs: NamedTensors,
    rows: number,
    options: InferOptions,
  ): Promise<NamedTensors> {
    const { name, version, card } = state;
    const key = card.cacheable ? this.resultCache.keyOf(name, version, inputs) : undefined;
    if (key) {
      const cached = await this.resultCache.lookup(name, key);
      if (cached) return cached.outputs;
    }
    const result = await this.batcherFor(name, version, card).submit(inputs, rows, {
      priority: options.priority,
      timeoutMs: options.timeoutMs,
    });
    this.metrics.queueDuration.observe({ model: name, version }, result.queueMs / 1000);
    if (key) this.resultCache.store(name, version, key, result.outputs);
    return result.outputs;
  }

  private batcherFor(name: string, version: string, card: ModelCard): DynamicBatcher {
    const key = `${name}@${version}`;
    let batcher = this.batchers.get(key);
    if (batcher) return batcher;
    batcher = new DynamicBatcher({
      model: key,
      config: card.batching ?? this.options.defaultBatching ?? NO_BATCHING,
      sequence: sequenceLayoutOf(card),
      maxConcurrentBatches: this.pool.size * Math.max(1, this.options.batchesPerWorker ?? 2),
      defaultTimeoutMs: this.options.defaultTimeoutMs ?? 30_000,
      clock: this.clock,
      // The session is looked up per batch, so a reloaded version switches sessions between batches.
      runBatch: (inputs) =>
        this.pool.runSession(this.registry.resolve(name, version).sessionKey, inputs, true),
      onBatch: (report) => {
        this.metrics.batchSize.observe({ model: name, version }, report.rows);
        if (report.paddedTokens !== undefined && report.realTokens !== undefined) {
          this.metrics.batchTokens.inc({ model: name, version, kind: 'padded' }, report.paddedTokens);
          this.metrics.batchTokens.inc({ model: name, version, kind: 'real' }, report.realTokens);
        }
      },
    });
    this.batchers.set(key, batcher);
    return batcher;
  }

  private observe(labels: { model: string; version: string }, outcome: string, started: number): void {
    const seconds = (this.clock.now() - started) / 1000;
    this.metrics.requests.inc({ ...labels, outcome });
    this.metrics.requestDuration.observe({ ...labels, outcome }, seconds);
  }
}
