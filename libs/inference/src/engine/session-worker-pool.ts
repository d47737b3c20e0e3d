// A pool of worker threads, each holding one onnxruntime session per loaded model version. Runs go to
// the worker with the fewest runs in flight; tensors cross threads as transferred ArrayBuffers (moved,
// not copied). A worker that dies is replaced and its sessions reloaded from the bytes kept here.
//
// Why not piscina or tinypool: both route a task to any idle worker, which suits stateless functions.
// Here every worker holds state that must be the same on all of them: loading or unloading a model
// version has to reach every worker and finish before runs of that version start, and a replacement
// worker must reload all current sessions before it takes a run. Neither library can address one
// worker or all workers (no broadcast), nor hold a replacement back until it is ready, so each run
// would have to carry or re-check its model; what remains of a pool (least-in-flight routing,
// transferred ArrayBuffers, replace on exit) is the ~100 lines below.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import { DomainError } from '@suite/platform';
import { OnnxGraphBuilder } from '@suite/onnx';
import { adaptInt8ModelToCpu, detectInt8Cpu, quantizedSessionConfig } from '../quantize/int8-cpu-support.js';
import {
  cudaProviderInstalled,
  type EngineLogger,
  type InferenceDevice,
  planThreads,
  type ThreadPlan,
} from './execution-provider.js';
import type { NamedTensors } from './tensor.js';
// Registers the engine's error codes (MODEL_NOT_FOUND, INFERENCE_*) with the platform's statuses.
import '../inference.errors.js';

export interface SessionPoolOptions extends Partial<ThreadPlan> {
  device?: InferenceDevice;
  /** Path of session-worker.mjs; found from the repository root when omitted. */
  workerScript?: string;
  logger?: EngineLogger;
  cores?: number;
}

export interface SessionSignature {
  inputNames: string[];
  outputNames: string[];
}

type WorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  inFlight: number;
  pending: Map<number, Pending>;
  state: 'starting' | 'ready' | 'dead';
}

/**
 * The worker is plain JavaScript beside the sources (libs/inference/worker/), so it runs unchanged from
 * dist/ and under jest. Walking up from this module finds it whether we run from src/ or dist/.
 */
export function locateSessionWorkerScript(from: string = import.meta.url): string {
  const fromEnv = process.env.INFERENCE_WORKER_SCRIPT;
  if (fromEnv) return resolve(fromEnv);
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const candidate = join(dir, 'libs', 'inference', 'worker', 'session-worker.mjs');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('libs/inference/worker/session-worker.mjs not found above ' + from);
    dir = parent;
  }
}

function transferListOf(tensors: NamedTensors): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const t of Object.values(tensors))
    if (ArrayBuffer.isView(t.data) && t.data.buffer instanceof ArrayBuffer) buffers.add(t.data.buffer);
  return [...buffers];
}

export class SessionWorkerPool {
  private readonly workers: PoolWorker[] = [];
  /** Model bytes per session key, to load the same sessions into a replacement worker. */
  private readonly models = new Map<string, Uint8Array>();
  private nextId = 0;
  private inbox: { w: PoolWorker; reply: WorkerReply }[] = [];
  private closing = false;
  private provider: InferenceDevice = 'cpu';

  private constructor(
    readonly threads: ThreadPlan,
    private readonly script: string,
    private readonly logger: EngineLogger,
  ) {}

  static async start(options: SessionPoolOptions = {}): Promise<SessionWorkerPool> {
    const cores = options.cores ?? availableParallelism();
    const plan = planThreads(options, cores);
    const logger = options.logger ?? new Logger('SessionWorkerPool');
    if (plan.oversubscribed)
      logger.warn(
        `${plan.workers} workers x ${plan.intraOpNumThreads} intra-op threads exceed ${cores} cores`,
      );
    const pool = new SessionWorkerPool(plan, options.workerScript ?? locateSessionWorkerScript(), logger);
    for (let i = 0; i < plan.workers; i++) pool.workers.push(pool.spawnWorker());
    await pool.chooseProvider(options.device ?? 'cpu');
    return pool;
  }

  get size(): number {
    return this.workers.length;
  }

  get executionProvider(): InferenceDevice {
    return this.provider;
  }

  /** Loads a session into every worker; resolves once all hold it. */
  async loadSession(key: string, bytes: Uint8Array): Promise<SessionSignature> {
    // int8 weights quantized for a VNNI CPU would saturate here without VNNI: run them as uint8 (exact).
    const model = adaptInt8ModelToCpu(bytes, detectInt8Cpu());
    const replies = await Promise.all(this.workers.map((w) => this.loadInto(w, key, model, this.provider)));
    this.models.set(key, model);
    return replies[0];
  }

  async unloadSession(key: string): Promise<void> {
    this.models.delete(key);
    await Promise.all(this.workers.map((w) => this.request(w, { op: 'unload', key }, [])));
  }

  /**
   * Runs a session on the least busy worker. With `transfer`, the inputs' buffers move to the worker
   * and are unusable here afterwards: pass it only for tensors built for this run.
   */
  async runSession(key: string, inputs: NamedTensors, transfer = false): Promise<NamedTensors> {
    const candidates = this.workers.filter((w) => w.state === 'ready');
    if (candidates.length === 0) throw new DomainError('MODEL_NOT_READY', 'no inference worker is available');
    const target = candidates.reduce((best, w) => (w.inFlight < best.inFlight ? w : best));
    const result = await this.request(
      target,
      { op: 'run', key, feeds: inputs },
      transfer ? transferListOf(inputs) : [],
    );
    return result as NamedTensors;
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const w of this.workers) {
      for (const p of w.pending.values())
        p.reject(new DomainError('SERVICE_UNAVAILABLE', 'inference pool closed'));
      w.pending.clear();
    }
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    this.workers.length = 0;
    this.models.clear();
  }

  private async chooseProvider(device: InferenceDevice): Promise<void> {
    if (device === 'cuda') {
      let reason = 'onnxruntime-node has no CUDA provider installed';
      if (cudaProviderInstalled()) {
        const probe = new OnnxGraphBuilder('cuda_probe');
        probe.input('x', 'float32', [1]).output('y', 'float32', [1]).node('Identity', ['x'], ['y']);
        try {
          await this.loadInto(this.workers[0], '__cuda_probe__', probe.toBytes(), 'cuda');
          await this.request(this.workers[0], { op: 'unload', key: '__cuda_probe__' }, []);
          this.provider = 'cuda';
          this.logger.log(`inference on cuda, ${this.workers.length} worker(s)`);
          return;
        } catch (err) {
          reason = `the CUDA provider failed to start (${(err as Error).message})`;
        }
      }
      // The one warning: a CPU host asked for CUDA still serves, on the CPU.
      this.logger.warn(`INFERENCE_DEVICE=cuda but ${reason}; running on cpu`);
    }
    this.provider = 'cpu';
    this.logger.log(
      `inference on cpu: ${this.workers.length} worker(s) x ${this.threads.intraOpNumThreads} intra-op thread(s)`,
    );
  }

  private loadInto(w: PoolWorker, key: string, model: Uint8Array, device: InferenceDevice) {
    // A copy per worker, moved to it. Not model.slice(): on a Buffer (readFile's) that is a view, and
    // moving the first worker's copy would detach the bytes every later worker needs.
    const copy = new Uint8Array(model);
    const options = {
      executionProviders: device === 'cuda' ? ['cuda', 'cpu'] : ['cpu'],
      intraOpNumThreads: this.threads.intraOpNumThreads,
      interOpNumThreads: this.threads.interOpNumThreads,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // Session config entries: onnxruntime-node joins nested keys with dots.
      extra: quantizedSessionConfig(model),
    };
    return this.request(w, { op: 'load', key, model: copy, options }, [
      copy.buffer,
    ]) as Promise<SessionSignature>;
  }

  private request(
    w: PoolWorker,
    message: Record<string, unknown>,
    transfer: ArrayBuffer[],
  ): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolvePromise, reject) => {
      w.pending.set(id, { resolve: resolvePromise, reject });
      w.inFlight++;
      try {
        w.worker.postMessage({ ...message, id }, transfer);
      } catch (err) {
        w.pending.delete(id);
        w.inFlight--;
        reject(
          new DomainError('INFERENCE_FAILED', `could not send to the worker: ${(err as Error).message}`),
        );
      }
    });
  }

  private spawnWorker(): PoolWorker {
    const w: PoolWorker = {
      worker: new Worker(this.script),
      inFlight: 0,
      pending: new Map(),
      state: 'ready',
    };
    w.worker.on('message', (reply: WorkerReply) => this.receive(w, reply));
    w.worker.on('error', (err) => this.replaceWorker(w, err.message));
    w.worker.on('exit', (code) => this.replaceWorker(w, `worker exited with code ${code}`));
    return w;
  }

  /**
   * Replies are settled from setImmediate, not inside the 'message' event: Node drains up to 1000
   * port messages in one go, and a reply whose callers post the next batch at once keeps that drain
   * going (worker answers while we still drain), starving timers for tens of ms under load.
   */
  private receive(w: PoolWorker, reply: WorkerReply): void {
    this.inbox.push({ w, reply });
    if (this.inbox.length > 1) return;
    setImmediate(() => {
      const replies = this.inbox;
      this.inbox = [];
      for (const { w: from, reply: r } of replies) {
        const pending = from.pending.get(r.id);
        if (!pending) continue;
        from.pending.delete(r.id);
        from.inFlight--;
        if (r.ok) pending.resolve(r.result);
        else pending.reject(new DomainError('INFERENCE_FAILED', r.error));
      }
    });
  }

  private replaceWorker(dead: PoolWorker, reason: string): void {
    if (this.closing || dead.state === 'dead') return;
    const wasStarting = dead.state === 'starting';
    dead.state = 'dead';
    for (const p of dead.pending.values())
      p.reject(new DomainError('INFERENCE_FAILED', `inference worker failed: ${reason}`));
    dead.pending.clear();
    void dead.worker.terminate();
    const index = this.workers.indexOf(dead);
    // A replacement that cannot even reload its sessions is not replaced again (no restart loop).
    if (index < 0 || wasStarting) {
      this.logger.warn(`inference worker ${index} is gone: ${reason}`);
      return;
    }
    this.logger.warn(`inference worker ${index} failed (${reason}); starting a replacement`);
    const fresh = this.spawnWorker();
    fresh.state = 'starting';
    this.workers[index] = fresh;
    void Promise.all(
      [...this.models].map(([key, bytes]) => this.loadInto(fresh, key, bytes, this.provider)),
    ).then(
      () => {
        if (fresh.state === 'starting') fresh.state = 'ready';
      },
      (err: Error) => this.replaceWorker(fresh, `reload failed: ${err.message}`),
    );
  }
}
