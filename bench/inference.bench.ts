// libs/inference under load, for a realistic model: a 77-class MLP over 2^18 hashed features (an
// intent classifier's shape), with the sparse input as Gather + ReduceSum over an embedding table.
// Measures throughput unbatched vs dynamically batched at concurrency 1/16/64 (closed loop), latency
// percentiles, event-loop lag while saturated, L1/L2 cache hit latency, and fp32 vs int8. Every
// figure that matters is a ratio against a baseline measured in the same run (shared, noisy machine).
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  type BatchingConfig,
  detectInt8Cpu,
  dynamicWeightTypeFor,
  LocalInferenceEngine,
  measureQuantization,
  type ModelCard,
  type ModelCardDraft,
  type NamedTensors,
  newestModelVersion,
  concatRows,
  planBatch,
  quantizeOnnxModel,
  writeModelVersion,
} from '@suite/inference';
import { seededRandom } from '@suite/inference/testing';
import { attr, OnnxGraphBuilder } from '@suite/onnx';
import * as ort from 'onnxruntime-node';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { InferenceSchema1764300000000 } from '../migrations/1764300000000-inference-schema.js';
import type { Benchmark } from './benchmark.js';

const BUCKETS = 2 ** 18;
const HIDDEN = 64;
const CLASSES = 77;
const NNZ = 32;
const CONCURRENCY = [1, 16, 64];
const BATCHING: BatchingConfig = { maxBatchSize: 64, maxQueueDelayMicros: 200, maxQueueSize: 4096 };

const log = (message: string): void => void process.stderr.write(`${message}\n`);
const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** indices[batch, NNZ] int64 + values[batch, NNZ] -> Gather/Mul/ReduceSum -> Relu -> Gemm -> Softmax. */
function buildHashedMlp(seed: number): Uint8Array {
  const random = seededRandom(seed);
  const uniform = (n: number, scale: number) =>
    Float32Array.from({ length: n }, () => (random() * 2 - 1) * scale);
  const b = new OnnxGraphBuilder('hashed_intent_mlp')
    .input('indices', 'int64', ['batch', NNZ])
    .input('values', 'float32', ['batch', NNZ])
    .output('probabilities', 'float32', ['batch', CLASSES]);
  b.initializer('E', uniform(BUCKETS * HIDDEN, 0.1), [BUCKETS, HIDDEN]);
  b.initializer('b1', uniform(HIDDEN, 0.1), [HIDDEN]);
  b.initializer('W2', uniform(HIDDEN * CLASSES, Math.sqrt(2 / HIDDEN)), [HIDDEN, CLASSES]);
  b.initializer('b2', uniform(CLASSES, 0.1), [CLASSES]);
  b.initializer('sum_axes', BigInt64Array.of(1n), [1]);
  b.initializer('value_axes', BigInt64Array.of(2n), [1]);
  const rows = b.node('Gather', ['E', 'indices'], 1, { axis: attr.int(0) });
  const weighted = b.node('Mul', [rows, b.node('Unsqueeze', ['values', 'value_axes'])]);
  const pooled = b.node('ReduceSum', [weighted, 'sum_axes'], 1, { keepdims: attr.int(0) });
  const hidden = b.node('Relu', [b.node('Add', [pooled, 'b1'])]);
  const logits = b.node('Gemm', [hidden, 'W2', 'b2']);
  b.node('Softmax', [logits], ['probabilities'], { axis: attr.int(-1) });
  return b.toBytes();
}

function card(name: string, extra: Partial<ModelCardDraft> = {}): ModelCardDraft {
  return {
    name,
    version: '1',
    task: 'intent-classification',
    inputs: [
      { name: 'indices', dtype: 'int64', shape: [-1, NNZ] },
      { name: 'values', dtype: 'float32', shape: [-1, NNZ] },
    ],
    outputs: [{ name: 'probabilities', dtype: 'float32', shape: [-1, CLASSES] }],
    training: {
      data: 'seeded random weights (benchmark fixture)',
      licence: 'n/a',
      command: 'npm run bench -- inference',
    },
    ...extra,
  };
}

const DENSE = [512, 1024, 512, 77];

/** A dense MLP (Gemm + Relu layers, ~1M parameters): the shape where int8 MatMul pays. */
function buildDenseMlp(seed: number): Uint8Array {
  const random = seededRandom(seed);
  const b = new OnnxGraphBuilder('dense_mlp')
    .input('x', 'float32', ['batch', DENSE[0]])
    .output('logits', 'float32', ['batch', DENSE[DENSE.length - 1]]);
  let h = 'x';
  for (let l = 0; l + 1 < DENSE.length; l++) {
    const [k, n] = [DENSE[l], DENSE[l + 1]];
    const scale = Math.sqrt(6 / k);
    b.initializer(
      `W${l}`,
      Float32Array.from({ length: k * n }, () => (random() * 2 - 1) * scale),
      [k, n],
    );
    b.initializer(
      `b${l}`,
      Float32Array.from({ length: n }, () => (random() * 2 - 1) * 0.1),
      [n],
    );
    const last = l + 2 === DENSE.length;
    const z = b.node('Gemm', [h, `W${l}`, `b${l}`], last ? ['logits'] : 1);
    h = last ? z : b.node('Relu', [z]);
  }
  return b.toBytes();
}

function denseRows(rows: number, seed: number): NamedTensors {
  const random = seededRandom(seed);
  const data = Float32Array.from({ length: rows * DENSE[0] }, () => random() * 2 - 1);
  return { x: { dtype: 'float32', dims: [rows, DENSE[0]], data } };
}

/**
 * int8 / fp32 median latency (one thread each, interleaved runs) per model, mode and batch rows,
 * served as the engine serves them (int8-cpu-support.ts): dynamic uses this CPU's weight type.
 */
async function int8Ratios(hashed: Uint8Array) {
  const models = {
    hashed: { fp32: hashed, sample: (rows: number) => requests(1, 5, rows)[0] },
    dense: { fp32: buildDenseMlp(7), sample: (rows: number) => denseRows(rows, 5) },
  };
  const ratios: Record<string, Record<string, Record<string, number>>> = {};
  const agreement: Record<string, Record<string, number>> = {};
  for (const [name, m] of Object.entries(models)) {
    ratios[name] = {};
    agreement[name] = {};
    for (const mode of ['dynamic', 'weight-only'] as const) {
      const int8 = quantizeOnnxModel(m.fp32, { mode });
      ratios[name][mode] = {};
      for (const rows of [1, 64]) {
        const report = await measureQuantization(m.fp32, int8.bytes, { sample: m.sample(rows), runs: 30 });
        ratios[name][mode][`rows${rows}`] = round(report.latencyRatio, 3);
        if (rows === 64) agreement[name][mode] = round(report.maxAbsDiff, 4);
        log(`int8 ${name} ${mode} ${rows} row(s): int8/fp32 latency ${round(report.latencyRatio, 3)}`);
      }
    }
  }
  return { ratios, maxAbsDiff: agreement };
}

/** One-row requests, as online callers send them: NNZ hashed feature ids with tf weights. */
function requests(count: number, seed: number, rows = 1): NamedTensors[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const indices = new BigInt64Array(rows * NNZ);
    const values = new Float32Array(rows * NNZ);
    for (let i = 0; i < rows * NNZ; i++) {
      indices[i] = BigInt(Math.floor(random() * BUCKETS));
      values[i] = random();
    }
    return {
      indices: { dtype: 'int64', dims: [rows, NNZ], data: indices },
      values: { dtype: 'float32', dims: [rows, NNZ], data: values },
    };
  });
}

function lagSampler() {
  const lags: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    lags.push(Math.max(0, now - last - 10));
    last = now;
  }, 10);
  return { lags, stop: () => clearInterval(timer) };
}

async function closedLoop(
  engine: LocalInferenceEngine,
  model: string,
  concurrency: number,
  ms: number,
  pool: NamedTensors[],
) {
  const latencies: number[] = [];
  let next = 0;
  let stop = false;
  const client = async () => {
    while (!stop) {
      const t0 = performance.now();
      await engine.infer(model, pool[next++ % pool.length]);
      latencies.push(performance.now() - t0);
    }
  };
  const started = performance.now();
  const clients = Array.from({ length: concurrency }, client);
  await new Promise((resolve) => setTimeout(resolve, ms));
  stop = true;
  await Promise.all(clients);
  const seconds = (performance.now() - started) / 1000;
  return {
    reqPerSec: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

// Token-budget batching on a real sequence model and real sentence lengths: the shipped bc5cdr NER
// emission model (hashed features, [rows, tokens, 80] ids) fed with the token counts of BC5CDR's
// training sentences. "budget": the shipped card (at most 64 rows and 4,096 padded tokens, similar
// lengths grouped). "countOnly": the same limits with length grouping off, so each batch takes the
// queue in order and pads to its longest sentence. "bare": one onnxruntime session in this thread with
// all the engine's threads, running the batches the budget planner forms from the same request stream
// one after another: the most this machine gives for those batches, without queues or workers.
const NER_MODEL = 'bc5cdr';
const SEQUENCE_CONCURRENCY = 64;

async function sentenceLengths(): Promise<number[]> {
  const text = await readFile('data/bc5cdr/train.tsv', 'utf8');
  const lengths: number[] = [];
  let n = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (n > 0) lengths.push(n);
      n = 0;
    } else n++;
  }
  if (n > 0) lengths.push(n);
  return lengths;
}

function featureRequests(lengths: number[], width: number, buckets: number, seed: number): NamedTensors[] {
  const random = seededRandom(seed);
  return lengths.map((length) => {
    const ids = new BigInt64Array(length * width);
    for (let i = 0; i < ids.length; i++) ids[i] = BigInt(Math.floor(random() * buckets));
    return { feature_ids: { dtype: 'int64', dims: [1, length, width], data: ids } };
  });
}

async function tokenLoop(engine: LocalInferenceEngine, model: string, ms: number, pool: NamedTensors[]) {
  let next = 0;
  let tokens = 0;
  let stop = false;
  const client = async () => {
    while (!stop) {
      const x = pool[next++ % pool.length];
      await engine.infer(model, x);
      tokens += x.feature_ids.dims[1];
    }
  };
  const started = performance.now();
  const clients = Array.from({ length: SEQUENCE_CONCURRENCY }, client);
  await new Promise((resolve) => setTimeout(resolve, ms));
  stop = true;
  await Promise.all(clients);
  return tokens / ((performance.now() - started) / 1000);
}

async function bareTokensPerSecond(
  bytes: Uint8Array,
  card: ModelCard,
  pool: NamedTensors[],
  ms: number,
  plan: { workers: number; intraOpNumThreads: number },
) {
  // As many sessions as the engine has workers, each with the engine's intra-op threads, run side by
  // side (onnxruntime-node runs off the main thread): the engine's own parallelism without its queues.
  const sessions = await Promise.all(
    Array.from({ length: plan.workers }, () =>
      ort.InferenceSession.create(bytes, {
        intraOpNumThreads: plan.intraOpNumThreads,
        interOpNumThreads: 1,
        executionMode: 'sequential',
      }),
    ),
  );
  const batching = card.batching!;
  const pad = (batching.padValue as Record<string, number>).feature_ids;
  // The budget planner's batches over the request stream in arrival order, with at most as many
  // requests waiting as the engine's closed loop has callers (the engine's queue never holds more).
  const requests = pool.map((x, seq) => ({
    x,
    rows: 1,
    length: x.feature_ids.dims[1],
    priority: 0,
    seq,
    shapeKey: '',
  }));
  let queue = requests.splice(0, SEQUENCE_CONCURRENCY);
  const batches: { tensor: ort.Tensor; tokens: number; padded: number }[] = [];
  while (queue.length > 0) {
    const { batch } = planBatch(queue, batching);
    const taken = new Set(batch);
    queue = queue.filter((r) => !taken.has(r));
    queue.push(...requests.splice(0, batch.length));
    const longest = Math.max(...batch.map((r) => r.length));
    const t = concatRows(
      batch.map((r) => r.x.feature_ids),
      longest,
      pad,
    );
    batches.push({
      tensor: new ort.Tensor('int64', t.data as BigInt64Array, t.dims),
      tokens: batch.reduce((n, r) => n + r.length, 0),
      padded: batch.length * longest,
    });
  }
  let tokens = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    sessions.map(async (session) => {
      while (performance.now() - started < ms) {
        const b = batches[next++ % batches.length];
        await session.run({ feature_ids: b.tensor });
        tokens += b.tokens;
      }
    }),
  );
  const perSecond = tokens / ((performance.now() - started) / 1000);
  await Promise.all(sessions.map((session) => session.release()));
  const padding = 1 - batches.reduce((n, b) => n + b.tokens, 0) / batches.reduce((n, b) => n + b.padded, 0);
  return { perSecond, padding };
}

async function sequenceBatching(root: string) {
  const version = await newestModelVersion('models', NER_MODEL);
  const dir = join('models', NER_MODEL, version);
  const card = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as ModelCard;
  const bytes = new Uint8Array(await readFile(join(dir, 'model.onnx')));
  const base = {
    task: card.task,
    inputs: card.inputs,
    outputs: card.outputs,
    version: '1',
    cacheable: false,
  };
  await writeModelVersion(root, { ...base, name: 'ner-budget', batching: card.batching }, bytes);
  await writeModelVersion(
    root,
    { ...base, name: 'ner-count-only', batching: { ...card.batching!, lengthGrouping: false } },
    bytes,
  );
  const width = card.inputs[0].shape[2];
  const buckets = (card.batching!.padValue as Record<string, number>).feature_ids;
  const lengths = await sentenceLengths();
  const sorted = [...lengths].sort((a, b) => a - b);
  return { card, bytes, width, buckets, lengths, sorted };
}

async function temporaryDatabase(): Promise<
  { dataSource: DataSource; drop: () => Promise<void> } | undefined
> {
  const server = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!server) return undefined;
  const name = `inference_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`).finally(() => admin.end());
  const url = new URL(server);
  url.pathname = `/${name}`;
  const dataSource = new DataSource({
    type: 'postgres',
    url: url.toString(),
    migrations: [InferenceSchema1764300000000],
    migrationsTableName: 'typeorm_migrations',
    logging: false,
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return {
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => client.end());
    },
  };
}

async function cacheHitLatency(engine: LocalInferenceEngine, hasL2: boolean) {
  const model = 'hashed-mlp-cached';
  const inputs = requests(200, 77);
  for (const x of inputs) await engine.infer(model, x); // misses: computed, stored in L1 (and L2)
  await engine.resultCache.flush();
  const l1: number[] = [];
  for (const x of inputs) {
    const t0 = performance.now();
    await engine.infer(model, x);
    l1.push(performance.now() - t0);
  }
  const l2: number[] = [];
  if (hasL2)
    for (const x of inputs) {
      engine.resultCache.l1.clear(); // forces the L2 read
      const t0 = performance.now();
      await engine.infer(model, x);
      l2.push(performance.now() - t0);
    }
  const hits = await engine.metrics.cacheHits.get();
  const count = (level: string) => hits.values.find((v) => v.labels.level === level)?.value ?? 0;
  return { l1, l2, l1Hits: count('l1'), l2Hits: count('l2') };
}

const run: Benchmark = async (args) => {
  const seconds = args.includes('--seconds') ? Number(args[args.indexOf('--seconds') + 1]) : 2;
  const root = await mkdtemp(join(tmpdir(), 'inference-bench-'));
  const database = await temporaryDatabase().catch((err: Error) => {
    log(`no L2: could not create a benchmark database (${err.message})`);
    return undefined;
  });
  let engine: LocalInferenceEngine | undefined;
  try {
    log(`building the fixture: ${CLASSES}-class MLP over 2^18 hashed features (${NNZ} per request)`);
    const fp32 = buildHashedMlp(2026);
    await writeModelVersion(root, card('hashed-mlp-unbatched'), fp32);
    await writeModelVersion(root, card('hashed-mlp', { batching: BATCHING }), fp32);
    await writeModelVersion(root, card('hashed-mlp-cached', { batching: BATCHING, cacheable: true }), fp32);
    const sequence = await sequenceBatching(root);
    engine = await LocalInferenceEngine.create({
      modelsDir: root,
      dataSource: database?.dataSource,
      logger: { log, warn: log },
    });
    const { workers, intraOpNumThreads } = engine.threadPlan;
    log(
      `engine: ${engine.executionProvider}, ${workers} worker(s) x ${intraOpNumThreads} intra-op thread(s)`,
    );

    const pool = requests(1024, 1);
    const throughput: Record<string, Record<string, number>> = { unbatched: {}, batched: {} };
    const latencyMs: Record<string, Record<string, { p50: number; p99: number }>> = {
      unbatched: {},
      batched: {},
    };
    const saturatedLags: Record<string, number[]> = { unbatched: [], batched: [] };
    for (const c of CONCURRENCY)
      for (const [mode, model] of [
        ['unbatched', 'hashed-mlp-unbatched'],
        ['batched', 'hashed-mlp'],
      ]) {
        await closedLoop(engine, model, c, 200, pool); // warm-up
        const sampler = c === 64 ? lagSampler() : undefined;
        const r = await closedLoop(engine, model, c, seconds * 1000, pool);
        sampler?.stop();
        if (sampler) saturatedLags[mode].push(...sampler.lags);
        throughput[mode][`c${c}`] = Math.round(r.reqPerSec);
        latencyMs[mode][`c${c}`] = { p50: round(r.p50, 3), p99: round(r.p99, 3) };
        log(
          `${mode} c=${c}: ${Math.round(r.reqPerSec)} req/s, p50 ${round(r.p50, 3)} ms, p99 ${round(r.p99, 3)} ms`,
        );
      }

    log('cache: 200 inputs, L1 hits' + (database ? ' then L2 hits (L1 cleared before each)' : ''));
    const cache = await cacheHitLatency(engine, database !== undefined);

    log(
      `sequence batching: ${NER_MODEL} emissions, ${sequence.lengths.length} BC5CDR sentence lengths, c=${SEQUENCE_CONCURRENCY}`,
    );
    const stream = featureRequests(sequence.lengths.slice(0, 2048), sequence.width, sequence.buckets, 11);
    const tokenRates: Record<string, number> = {};
    const waste: Record<string, number> = {};
    for (const [mode, model] of [
      ['budget', 'ner-budget'],
      ['countOnly', 'ner-count-only'],
    ]) {
      await tokenLoop(engine, model, 300, stream); // warm-up
      // Counter values read as numbers: prom-client's get() hands out its live value objects.
      const sent = async (kind: string) =>
        (await engine!.metrics.batchTokens.get()).values
          .filter((v) => v.labels.model === model && v.labels.kind === kind)
          .reduce((n, v) => n + v.value, 0);
      const [padded0, real0] = [await sent('padded'), await sent('real')];
      tokenRates[mode] = await tokenLoop(engine, model, seconds * 1000, stream);
      const padded = (await sent('padded')) - padded0;
      const real = (await sent('real')) - real0;
      waste[mode] = round(1 - real / padded, 3);
      log(
        `${mode}: ${Math.round(tokenRates[mode])} tokens/s, padding ${round(100 * waste[mode], 1)} % of sent tokens`,
      );
    }
    const { perSecond: bare, padding: barePadding } = await bareTokensPerSecond(
      sequence.bytes,
      sequence.card,
      stream,
      seconds * 1000,
      {
        workers,
        intraOpNumThreads,
      },
    );
    waste.bare = round(barePadding, 3);
    log(
      `bare onnxruntime sessions, planner's batches: ${Math.round(bare)} tokens/s, padding ${round(100 * barePadding, 1)} %`,
    );

    log('int8: dynamic quantization of the same model (libs/inference/src/quantize)');
    const int8 = quantizeOnnxModel(fp32, { mode: 'dynamic' });
    const report = await measureQuantization(fp32, int8.bytes, { sample: requests(1, 5, 64)[0], runs: 30 });
    const cpu = detectInt8Cpu();
    const byShape = await int8Ratios(fp32);

    return {
      model: `${CLASSES}-class MLP, 2^18 hashed features -> ${HIDDEN} hidden (Gather + ReduceSum), ${NNZ} features per request`,
      parameters: BUCKETS * HIDDEN + HIDDEN + HIDDEN * CLASSES + CLASSES,
      device: engine.executionProvider,
      workers,
      intraOpNumThreads,
      batching: BATCHING,
      secondsPerRun: seconds,
      throughput,
      latencyMs,
      batchingSpeedup: round(throughput.batched.c64 / throughput.unbatched.c64),
      p50Ms: latencyMs.batched.c64.p50,
      p99Ms: latencyMs.batched.c64.p99,
      // Over both saturating runs (c = 64, unbatched and batched), and each apart.
      eventLoopLagP99Ms: round(percentile([...saturatedLags.unbatched, ...saturatedLags.batched], 99), 3),
      eventLoopLagP99MsByMode: {
        unbatched: round(percentile(saturatedLags.unbatched, 99), 3),
        batched: round(percentile(saturatedLags.batched, 99), 3),
      },
      eventLoopLagSamples: saturatedLags.unbatched.length + saturatedLags.batched.length,
      l1HitLatencyMs: { p50: round(percentile(cache.l1, 50), 4), p99: round(percentile(cache.l1, 99), 4) },
      l2HitLatencyMs: database
        ? { p50: round(percentile(cache.l2, 50), 4), p99: round(percentile(cache.l2, 99), 4) }
        : null,
      ...(database ? {} : { l2Note: 'skipped: set TEST_DATABASE_URL or DATABASE_URL to measure L2 hits' }),
      cacheHits: { l1: cache.l1Hits, l2: cache.l2Hits },
      int8Mode: 'dynamic',
      int8Cpu: {
        u8s8Saturates: cpu.u8s8Saturates,
        features: cpu.features,
        weightType: dynamicWeightTypeFor(cpu),
      },
      // int8/fp32 latency by model (hashed: Gather table + small Gemm, like the shipped models; dense:
      // 1M-parameter MLP), mode and batch rows; below 1 int8 is faster.
      int8LatencyRatios: byShape.ratios,
      int8MaxAbsDiffs: byShape.maxAbsDiff,
      int8SizeRatio: round(report.sizeRatio, 4),
      int8LatencyRatio: round(report.latencyRatio, 3),
      int8LatencyBatchRows: report.sampleRows,
      fp32BatchMedianMs: round(report.fp32MedianMs, 3),
      int8BatchMedianMs: round(report.int8MedianMs, 3),
      int8MaxAbsDiff: report.maxAbsDiff,
      int8DecisionAgreement: Math.min(...report.outputs.map((o) => o.decisionAgreement)),
      sequenceBatching: {
        model: `${NER_MODEL} (shipped NER emissions), BC5CDR train sentence lengths`,
        sentences: sequence.lengths.length,
        lengthTokens: {
          p50: percentile(sequence.sorted, 50),
          p90: percentile(sequence.sorted, 90),
          max: sequence.sorted.at(-1),
        },
        concurrency: SEQUENCE_CONCURRENCY,
        batching: sequence.card.batching,
        tokensPerSecond: {
          budget: Math.round(tokenRates.budget),
          countOnly: Math.round(tokenRates.countOnly),
          bare: Math.round(bare),
        },
        paddingShareOfSentTokens: waste,
        budgetSpeedupOverCountOnly: round(tokenRates.budget / tokenRates.countOnly),
        engineFractionOfBare: round(tokenRates.budget / bare),
      },
    };
  } finally {
    await engine?.close();
    await database?.drop();
    await rm(root, { recursive: true, force: true });
  }
};

export default run;
