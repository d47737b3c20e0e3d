// Dynamic batching with Triton's semantics (model_configuration.md, "Dynamic Batcher"): a batch is sent
// as soon as it is full, otherwise when the oldest queued request has waited max_queue_delay; the queue
// is bounded (a full queue refuses at once) and a request that waits past its timeout leaves it.
// Like Triton, a batch is formed only when a model instance is free, so under load batches grow instead
// of piling up, and a request waits at most the delay plus the batch already running.
import { DomainError } from '@suite/platform';
import { type Clock, systemClock, type TimerHandle } from '../engine/clock.js';
import { concatRows, copyTensor, sliceRows } from '../engine/tensor-batch.js';
import type { NamedTensors, Tensor } from '../engine/tensor.js';
import { compareQueued, planBatch, type PlannableRequest } from './batch-planner.js';
// Registers the engine's error codes (MODEL_NOT_FOUND, INFERENCE_*) with the platform's statuses.
import '../inference.errors.js';

export interface BatcherConfig {
  /** 0: no batching; each request runs alone. */
  maxBatchSize: number;
  maxQueueDelayMicros: number;
  maxQueueSize: number;
  maxBatchTokens?: number;
  minTokenFill?: number;
  lengthGrouping?: boolean;
}

/** Sequence models: inputs padded along dim 1 (with their pad value), outputs cut back per request. */
export interface SequenceLayout {
  inputs: Record<string, number>;
  outputs: string[];
}

export interface BatchReport {
  rows: number;
  requests: number;
  paddedLength?: number;
  /** Sequence models: tokens sent (rows x padded length) and the real ones among them. */
  paddedTokens?: number;
  realTokens?: number;
  computeMs: number;
  ok: boolean;
}

export interface BatchedResult {
  outputs: NamedTensors;
  /** Time from submit to the batch being sent. */
  queueMs: number;
  batchRows: number;
}

export interface SubmitOptions {
  /** 0 is the highest priority. */
  priority?: number;
  timeoutMs?: number;
}

export interface DynamicBatcherOptions {
  model: string;
  config: BatcherConfig;
  sequence?: SequenceLayout;
  /** Batches that may run at once (model instances); more wait in the queue. */
  maxConcurrentBatches: number;
  defaultTimeoutMs?: number;
  clock?: Clock;
  runBatch: (inputs: NamedTensors, rows: number) => Promise<NamedTensors>;
  onBatch?: (report: BatchReport) => void;
}

interface QueuedRequest extends PlannableRequest {
  inputs: NamedTensors;
  enqueuedAt: number;
  timeout?: TimerHandle;
  resolve: (result: BatchedResult) => void;
  reject: (err: Error) => void;
}

export class DynamicBatcher {
  private queue: QueuedRequest[] = [];
  private seq = 0;
  private inFlight = 0;
  private delayTimer?: { handle: TimerHandle; due: number };
  private closed = false;
  /** Moving average of batch compute time, for Retry-After. */
  private computeMsAverage = 0;
  private readonly clock: Clock;
  private readonly delayMs: number;

  constructor(private readonly options: DynamicBatcherOptions) {
    this.clock = options.clock ?? systemClock;
    this.delayMs = options.config.maxQueueDelayMicros / 1000;
    if (options.maxConcurrentBatches < 1) throw new Error('maxConcurrentBatches must be at least 1');
  }

  get queuedRequests(): number {
    return this.queue.length;
  }

  get batchesInFlight(): number {
    return this.inFlight;
  }

  async submit(inputs: NamedTensors, rows: number, options: SubmitOptions = {}): Promise<BatchedResult> {
    const { config, model } = this.options;
    if (this.closed) throw new DomainError('MODEL_NOT_READY', `${model} is unloading`);
    const length = this.sequenceLengthOf(inputs);
    if (config.maxBatchSize > 0 && rows > config.maxBatchSize)
      throw new DomainError(
        'INVALID_INPUT',
        `${model}: ${rows} rows exceed max batch size ${config.maxBatchSize}`,
      );
    if (config.maxBatchTokens !== undefined && rows * length > config.maxBatchTokens)
      throw new DomainError(
        'INVALID_INPUT',
        `${model}: ${rows} x ${length} tokens exceed the batch budget of ${config.maxBatchTokens}`,
      );
    if (this.queue.length >= config.maxQueueSize)
      throw new DomainError(
        'INFERENCE_QUEUE_FULL',
        `${model}: queue full (${config.maxQueueSize} requests)`,
        {
          retryAfterSeconds: this.retryAfterSeconds(),
        },
      );
    const timeoutMs = options.timeoutMs ?? this.options.defaultTimeoutMs;
    if (timeoutMs !== undefined && !(timeoutMs > 0))
      throw new DomainError('INVALID_INPUT', `${model}: timeout must be positive`);

    return new Promise<BatchedResult>((resolve, reject) => {
      const request: QueuedRequest = {
        inputs,
        rows,
        length,
        shapeKey: this.shapeKeyOf(inputs),
        priority: options.priority ?? 0,
        seq: this.seq++,
        enqueuedAt: this.clock.now(),
        resolve,
        reject,
      };
      if (timeoutMs !== undefined)
        request.timeout = this.clock.schedule(() => this.expire(request, timeoutMs), timeoutMs);
      this.enqueue(request);
      this.dispatchReady();
    });
  }

  /** Refuses what is queued and anything submitted later; batches already running complete. */
  close(): void {
    this.closed = true;
    this.delayTimer?.handle.cancel();
    this.delayTimer = undefined;
    const queued = this.queue;
    this.queue = [];
    for (const r of queued) {
      r.timeout?.cancel();
      r.reject(new DomainError('MODEL_NOT_READY', `${this.options.model} is unloading`));
    }
  }

  private sequenceLengthOf(inputs: NamedTensors): number {
    const layout = this.options.sequence;
    if (!layout) return 0;
    const lengths = new Set(Object.keys(layout.inputs).map((name) => inputs[name]?.dims[1] ?? 0));
    if (lengths.size > 1)
      throw new DomainError('INVALID_INPUT', `${this.options.model}: sequence inputs differ in length`);
    return [...lengths][0] ?? 0;
  }

  private shapeKeyOf(inputs: NamedTensors): string {
    const padded = this.options.sequence?.inputs ?? {};
    return Object.keys(inputs)
      .sort()
      .map((name) => `${name}:${inputs[name].dims.slice(name in padded ? 2 : 1).join('x')}`)
      .join(';');
  }

  private enqueue(request: QueuedRequest): void {
    // Binary insertion keeps the queue in (priority, arrival) order.
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareQueued(this.queue[mid], request) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, request);
  }

  private expire(request: QueuedRequest, timeoutMs: number): void {
    const index = this.queue.indexOf(request);
    if (index < 0) return;
    this.queue.splice(index, 1);
    request.reject(
      new DomainError('INFERENCE_TIMEOUT', `${this.options.model}: waited ${timeoutMs} ms in the queue`),
    );
    this.dispatchReady();
  }

  private oldestEnqueuedAt(): number {
    let oldest = Infinity;
    for (const r of this.queue) if (r.enqueuedAt < oldest) oldest = r.enqueuedAt;
    return oldest;
  }

  private dispatchReady(): void {
    const { config } = this.options;
    while (this.inFlight < this.options.maxConcurrentBatches && this.queue.length > 0) {
      const plan = planBatch(this.queue, config);
      // Compared with the same sum the delay timer is armed for, less a nanosecond of rounding slack,
      // so a timer that fires on time always finds the batch due (never re-arms at the same instant).
      const due = this.oldestEnqueuedAt() + this.delayMs - 1e-6;
      if (!plan.full && this.clock.now() < due) break;
      const taken = new Set(plan.batch);
      this.queue = this.queue.filter((r) => !taken.has(r));
      this.dispatch(plan.batch);
    }
    this.armDelayTimer();
  }

  private armDelayTimer(): void {
    // Only useful while an instance is free: otherwise the running batch's completion dispatches.
    if (this.queue.length === 0 || this.inFlight >= this.options.maxConcurrentBatches) {
      this.delayTimer?.handle.cancel();
      this.delayTimer = undefined;
      return;
    }
    const due = this.oldestEnqueuedAt() + this.delayMs;
    if (this.delayTimer?.due === due) return;
    this.delayTimer?.handle.cancel();
    const handle = this.clock.schedule(() => {
      this.delayTimer = undefined;
      this.dispatchReady();
    }, due - this.clock.now());
    this.delayTimer = { handle, due };
  }

  private dispatch(batch: QueuedRequest[]): void {
    const sentAt = this.clock.now();
    for (const r of batch) r.timeout?.cancel();
    const rows = batch.reduce((n, r) => n + r.rows, 0);
    const layout = this.options.sequence;
    const paddedLength = layout ? Math.max(...batch.map((r) => r.length)) : undefined;
    let inputs: NamedTensors;
    try {
      inputs = this.stackInputs(batch, paddedLength);
    } catch (err) {
      for (const r of batch) r.reject(err as Error);
      return;
    }
    this.inFlight++;
    this.options
      .runBatch(inputs, rows)
      .then(
        (outputs) => {
          this.splitOutputs(batch, outputs, rows, paddedLength, sentAt);
          return true;
        },
        (err: unknown) => {
          const error =
            err instanceof DomainError
              ? err
              : new DomainError('INFERENCE_FAILED', `${this.options.model}: ${(err as Error).message}`);
          for (const r of batch) r.reject(error);
          return false;
        },
      )
      .then((ok) => {
        const computeMs = this.clock.now() - sentAt;
        this.computeMsAverage =
          this.computeMsAverage === 0 ? computeMs : 0.8 * this.computeMsAverage + 0.2 * computeMs;
        this.inFlight--;
        const realTokens = layout ? batch.reduce((n, r) => n + r.rows * r.length, 0) : undefined;
        const paddedTokens = paddedLength === undefined ? undefined : rows * paddedLength;
        this.options.onBatch?.({
          rows,
          requests: batch.length,
          paddedLength,
          paddedTokens,
          realTokens,
          computeMs,
          ok,
        });
        this.dispatchReady();
      })
      .catch(() => undefined);
  }

  private stackInputs(batch: QueuedRequest[], paddedLength?: number): NamedTensors {
    const layout = this.options.sequence;
    const stacked: NamedTensors = {};
    for (const name of Object.keys(batch[0].inputs)) {
      const parts = batch.map((r) => r.inputs[name]);
      const pad = layout?.inputs[name];
      stacked[name] = pad === undefined ? concatRows(parts) : concatRows(parts, paddedLength, pad);
    }
    return stacked;
  }

  private splitOutputs(
    batch: QueuedRequest[],
    outputs: NamedTensors,
    rows: number,
    paddedLength: number | undefined,
    sentAt: number,
  ): void {
    const trimmed = new Set(this.options.sequence?.outputs ?? []);
    let offset = 0;
    for (const r of batch) {
      try {
        const own: NamedTensors = {};
        for (const [name, t] of Object.entries(outputs))
          own[name] = this.rowsFor(t, offset, r, rows, trimmed.has(name) ? paddedLength : undefined);
        r.resolve({ outputs: own, queueMs: sentAt - r.enqueuedAt, batchRows: rows });
      } catch (err) {
        r.reject(new DomainError('INFERENCE_FAILED', `${this.options.model}: ${(err as Error).message}`));
      }
      offset += r.rows;
    }
  }

  private rowsFor(t: Tensor, offset: number, r: QueuedRequest, rows: number, paddedLength?: number): Tensor {
    // An output without the batch dimension (e.g. a constant) goes whole to every caller.
    if (t.dims[0] !== rows) return copyTensor(t);
    const trimTo = paddedLength !== undefined && t.dims[1] === paddedLength ? r.length : undefined;
    return sliceRows(t, offset, r.rows, trimTo);
  }

  private retryAfterSeconds(): number {
    const perBatch = Math.max(1, this.options.config.maxBatchSize);
    const batchesAhead = Math.ceil(this.queue.length / perBatch) / this.options.maxConcurrentBatches;
    return Math.max(1, Math.ceil((batchesAhead * this.computeMsAverage) / 1000));
  }
}
