// Prometheus metrics of the engine, on the application's registry (MetricsService.registry), never on
// prom-client's global one. Created once per registry: a second engine on the same registry (a
// restart in a test, two engines in one app) shares the same series instead of failing to register.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type CacheLevel = 'l1' | 'l2';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

function once<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

export class InferenceMetrics {
  readonly requests: Counter<'model' | 'version' | 'outcome'>;
  readonly requestDuration: Histogram<'model' | 'version' | 'outcome'>;
  readonly queueDuration: Histogram<'model' | 'version'>;
  readonly batchSize: Histogram<'model' | 'version'>;
  readonly batchTokens: Counter<'model' | 'version' | 'kind'>;
  readonly cacheHits: Counter<'model' | 'level'>;
  readonly cacheMisses: Counter<'model' | 'level'>;
  readonly cacheL2Skipped: Counter<'model' | 'operation'>;
  readonly modelsLoaded: Gauge;
  readonly modelsReady: Gauge;

  constructor(readonly registry: Registry) {
    const registers = [registry];
    this.requests = once(
      registry,
      'inference_requests_total',
      () =>
        new Counter({
          name: 'inference_requests_total',
          help: 'Inference requests by model, version and outcome (ok or an error code)',
          labelNames: ['model', 'version', 'outcome'],
          registers,
        }),
    );
    this.requestDuration = once(
      registry,
      'inference_request_duration_seconds',
      () =>
        new Histogram({
          name: 'inference_request_duration_seconds',
          help: 'Inference request duration, queue and cache included',
          labelNames: ['model', 'version', 'outcome'],
          buckets: LATENCY_BUCKETS,
          registers,
        }),
    );
    this.queueDuration = once(
      registry,
      'inference_queue_duration_seconds',
      () =>
        new Histogram({
          name: 'inference_queue_duration_seconds',
          help: 'Time a request waited in the batcher queue',
          labelNames: ['model', 'version'],
          buckets: LATENCY_BUCKETS,
          registers,
        }),
    );
    this.batchSize = once(
      registry,
      'inference_batch_size',
      () =>
        new Histogram({
          name: 'inference_batch_size',
          help: 'Rows per batch sent to a session',
          labelNames: ['model', 'version'],
          buckets: BATCH_BUCKETS,
          registers,
        }),
    );
    this.batchTokens = once(
      registry,
      'inference_batch_tokens_total',
      () =>
        new Counter({
          name: 'inference_batch_tokens_total',
          help: 'Sequence models: tokens sent in batches, kind "padded" (all, padding included) or "real"',
          labelNames: ['model', 'version', 'kind'],
          registers,
        }),
    );
    this.cacheHits = once(
      registry,
      'inference_cache_hits_total',
      () =>
        new Counter({
          name: 'inference_cache_hits_total',
          help: 'Result cache hits by model and level (l1 in process, l2 PostgreSQL)',
          labelNames: ['model', 'level'],
          registers,
        }),
    );
    this.cacheMisses = once(
      registry,
      'inference_cache_misses_total',
      () =>
        new Counter({
          name: 'inference_cache_misses_total',
          help: 'Result cache misses by model and level',
          labelNames: ['model', 'level'],
          registers,
        }),
    );
    this.cacheL2Skipped = once(
      registry,
      'inference_cache_l2_skipped_total',
      () =>
        new Counter({
          name: 'inference_cache_l2_skipped_total',
          help: 'L2 reads (served as misses) and writes (dropped) skipped because the L2 bound was reached',
          labelNames: ['model', 'operation'],
          registers,
        }),
    );
    this.modelsLoaded = once(
      registry,
      'inference_models_loaded',
      () =>
        new Gauge({
          name: 'inference_models_loaded',
          help: 'Model versions with a session loaded',
          registers,
        }),
    );
    this.modelsReady = once(
      registry,
      'inference_models_ready',
      () =>
        new Gauge({
          name: 'inference_models_ready',
          help: 'Models with a warmed-up version serving',
          registers,
        }),
    );
  }

  recordCache(model: string, level: CacheLevel, hit: boolean): void {
    (hit ? this.cacheHits : this.cacheMisses).inc({ model, level });
  }
}
