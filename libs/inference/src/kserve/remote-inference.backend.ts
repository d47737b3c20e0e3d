// InferenceBackend over HTTP: speaks KServe v2 to any v2 server (Triton, or our own services and
// apps/inference-server), so callers move off the local engine by configuration alone (INFERENCE_URL).
import { DomainError } from '@suite/platform';
import type {
  InferenceBackend,
  InferOptions,
  InferResult,
  ModelStatus,
} from '../engine/inference-backend.js';
import type { NamedTensors } from '../engine/tensor.js';
import {
  encodeV2Tensors,
  fromV2InferResponse,
  fromV2TensorMetadata,
  type V2InferRequest,
  type V2ModelMetadata,
} from './kserve-v2.codec.js';
import type { RepositoryIndexEntry } from './kserve-v2.controller.js';
import { INFERENCE_HEADER_LENGTH, splitInferenceBody } from './kserve-binary.js';
// Registers the engine's error codes (MODEL_NOT_FOUND, INFERENCE_*) with the platform's statuses.
import '../inference.errors.js';

export interface RemoteInferenceOptions {
  /** e.g. http://inference:8000 (no trailing /v2). */
  baseUrl: string;
  /** Sent as X-API-Key; Triton ignores it. */
  apiKey?: string;
  /** Whole-request timeout when the call gives none (default 30 s). */
  timeoutMs?: number;
  /** Injected in tests. */
  fetch?: typeof fetch;
}

interface HttpAnswer {
  status: number;
  body: unknown;
  retryAfter: string | null;
  /** The bytes after the JSON object (binary tensor data extension). */
  binary?: Buffer;
}

function messageOf(body: unknown, status: number): string {
  if (typeof body === 'object' && body !== null) {
    // Ours: { code, message, correlationId }; KServe/Triton: { error }.
    const b = body as { message?: unknown; error?: unknown };
    if (typeof b.message === 'string') return b.message;
    if (typeof b.error === 'string') return b.error;
  }
  return typeof body === 'string' && body ? body.slice(0, 300) : `HTTP ${status}`;
}

/** Maps a v2 server's error answer to our error codes (see the platform's httpStatusOf). */
export function domainErrorOf(answer: HttpAnswer, what: string): DomainError {
  const message = `${what}: ${messageOf(answer.body, answer.status)}`;
  switch (answer.status) {
    case 400:
    case 422:
      return new DomainError('INVALID_INPUT', message);
    case 404:
      return new DomainError('MODEL_NOT_FOUND', message);
    case 429:
      return new DomainError('INFERENCE_QUEUE_FULL', message, {
        retryAfterSeconds: retryAfterSeconds(answer) ?? 1,
      });
    case 503: {
      // A full queue says when to come back; a model that is not ready does not.
      const retryAfter = retryAfterSeconds(answer);
      return retryAfter !== undefined
        ? new DomainError('INFERENCE_QUEUE_FULL', message, { retryAfterSeconds: retryAfter })
        : new DomainError('MODEL_NOT_READY', message);
    }
    case 504:
    case 408:
      return new DomainError('INFERENCE_TIMEOUT', message);
    default:
      // 401/403 mean our own key for the remote server is wrong: our caller did nothing wrong.
      return new DomainError('INFERENCE_FAILED', message);
  }
}

function retryAfterSeconds(answer: HttpAnswer): number | undefined {
  if (answer.retryAfter === null) return undefined;
  const seconds = Number(answer.retryAfter);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : 1;
}

export class RemoteInferenceBackend implements InferenceBackend {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly inFlight = new Set<AbortController>();
  private closed = false;

  constructor(private readonly options: RemoteInferenceOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? fetch;
  }

  async infer(model: string, inputs: NamedTensors, options: InferOptions = {}): Promise<InferResult> {
    const parameters: Record<string, number> = {};
    if (options.priority !== undefined) parameters.priority = options.priority;
    if (options.timeoutMs !== undefined) parameters.timeout = options.timeoutMs * 1000;
    // Outputs come back as binary data (Triton's extension, which Triton and our server both speak):
    // bit-exact (JSON has no -0, NaN or Infinity) and without printing every float as text.
    const body: V2InferRequest = {
      inputs: encodeV2Tensors(inputs),
      parameters: { ...parameters, binary_data_output: true },
    };
    const answer = await this.call(
      'POST',
      `${this.modelPath(model, options.version)}/infer`,
      body,
      options.timeoutMs,
    );
    if (answer.status !== 200) throw domainErrorOf(answer, `infer ${model}`);
    try {
      return fromV2InferResponse(answer.body, answer.binary);
    } catch (err) {
      throw new DomainError(
        'INFERENCE_FAILED',
        `infer ${model}: malformed response (${(err as Error).message})`,
      );
    }
  }

  async modelStatus(model: string, version?: string): Promise<ModelStatus> {
    const path = this.modelPath(model, version);
    const ready = await this.call('GET', `${path}/ready`);
    if (ready.status === 404) throw domainErrorOf(ready, `model ${model}`);
    const readyBody = (typeof ready.body === 'object' && ready.body !== null ? ready.body : {}) as {
      version?: unknown;
      reason?: unknown;
    };
    const isReady = ready.status === 200;
    const meta = await this.call('GET', path);
    if (meta.status === 404) throw domainErrorOf(meta, `model ${model}`);
    if (meta.status !== 200) {
      // Triton answers metadata only for loaded models: a model that is not ready has no signature here.
      return {
        name: model,
        version: version ?? String(readyBody.version ?? ''),
        ready: false,
        reason: typeof readyBody.reason === 'string' ? readyBody.reason : messageOf(meta.body, meta.status),
        platform: 'onnxruntime_onnx',
        inputs: [],
        outputs: [],
      };
    }
    const m = meta.body as V2ModelMetadata;
    const versions = Array.isArray(m.versions) ? m.versions : [];
    return {
      name: m.name ?? model,
      version:
        version ?? (typeof readyBody.version === 'string' ? readyBody.version : (versions.at(-1) ?? '')),
      ready: isReady,
      ...(isReady
        ? {}
        : {
            reason:
              typeof readyBody.reason === 'string' ? readyBody.reason : messageOf(ready.body, ready.status),
          }),
      platform: 'onnxruntime_onnx',
      inputs: (m.inputs ?? []).map((t, i) => fromV2TensorMetadata(t, `inputs[${i}]`)),
      outputs: (m.outputs ?? []).map((t, i) => fromV2TensorMetadata(t, `outputs[${i}]`)),
    };
  }

  async listModels(): Promise<ModelStatus[]> {
    const answer = await this.call('POST', '/v2/repository/index', {});
    if (answer.status !== 200 || !Array.isArray(answer.body)) throw domainErrorOf(answer, 'repository index');
    const entries = answer.body as Partial<RepositoryIndexEntry>[];
    return Promise.all(
      entries.map((e) => this.modelStatus(String(e.name), e.version ? String(e.version) : undefined)),
    );
  }

  async loadModel(model: string): Promise<void> {
    const answer = await this.call('POST', `/v2/repository/models/${encodeURIComponent(model)}/load`, {});
    if (answer.status !== 200) throw domainErrorOf(answer, `load ${model}`);
  }

  async unloadModel(model: string): Promise<void> {
    const answer = await this.call('POST', `/v2/repository/models/${encodeURIComponent(model)}/unload`, {});
    if (answer.status !== 200) throw domainErrorOf(answer, `unload ${model}`);
  }

  async isReady(): Promise<boolean> {
    try {
      return (await this.call('GET', '/v2/health/ready')).status === 200;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const controller of this.inFlight) controller.abort();
    this.inFlight.clear();
  }

  private modelPath(model: string, version?: string): string {
    const base = `/v2/models/${encodeURIComponent(model)}`;
    return version !== undefined ? `${base}/versions/${encodeURIComponent(version)}` : base;
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    timeoutMs?: number,
  ): Promise<HttpAnswer> {
    if (this.closed) throw new DomainError('SERVICE_UNAVAILABLE', 'the remote inference backend is closed');
    const controller = new AbortController();
    const limit = timeoutMs ?? this.options.timeoutMs ?? 30_000;
    const timer = setTimeout(() => controller.abort(new Error('timeout')), limit);
    this.inFlight.add(controller);
    try {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (this.options.apiKey) headers['x-api-key'] = this.options.apiKey;
      const res = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      const headerLength = res.headers.get(INFERENCE_HEADER_LENGTH);
      const retryAfter = res.headers.get('retry-after');
      if (headerLength !== null) {
        const { json, tail } = splitInferenceBody(bytes, headerLength);
        return { status: res.status, body: json, retryAfter, binary: tail };
      }
      const text = bytes.toString('utf8');
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON (a proxy's error page): keep the text for the message.
      }
      return { status: res.status, body: parsed, retryAfter };
    } catch (err) {
      if (controller.signal.aborted && !this.closed) {
        throw new DomainError('INFERENCE_TIMEOUT', `${method} ${path}: no answer within ${limit} ms`);
      }
      throw new DomainError('SERVICE_UNAVAILABLE', `${method} ${path}: ${(err as Error).message}`, {
        retryAfterSeconds: 1,
      });
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }
}
