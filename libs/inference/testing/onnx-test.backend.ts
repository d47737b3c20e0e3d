// A deliberately plain InferenceBackend for tests of the HTTP surface and the remote client: one
// onnxruntime session per model on the calling thread, no batching, no cache. Models can be marked
// broken (not ready, with a reason) and calls can be made to fail with a chosen DomainError.
import * as ort from 'onnxruntime-node';
import { DomainError } from '@suite/platform';
import type {
  InferenceBackend,
  InferOptions,
  InferResult,
  ModelStatus,
  TensorSpec,
} from '../src/engine/inference-backend.js';
import type { NamedTensors, Tensor, TensorDtype } from '../src/engine/tensor.js';
// Registers the engine's error codes (MODEL_NOT_FOUND, INFERENCE_*) with the platform's statuses.
import '../src/inference.errors.js';

interface TestModel {
  name: string;
  version: string;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  session?: ort.InferenceSession;
  reason?: string;
}

export class OnnxTestBackend implements InferenceBackend {
  private readonly models = new Map<string, TestModel>();
  /** The next infer() calls reject with these errors, in order. */
  readonly failures: DomainError[] = [];

  async addModel(
    name: string,
    version: string,
    bytes: Uint8Array,
    signature: Pick<TestModel, 'inputs' | 'outputs'>,
  ) {
    const model: TestModel = { name, version, ...signature };
    try {
      model.session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
    } catch (err) {
      model.reason = `load failed: ${(err as Error).message.split('\n')[0]}`;
    }
    this.models.set(name, model);
  }

  async infer(model: string, inputs: NamedTensors, options: InferOptions = {}): Promise<InferResult> {
    const m = this.find(model, options.version);
    const failure = this.failures.shift();
    if (failure) throw failure;
    if (!m.session) throw new DomainError('MODEL_NOT_READY', `model ${model} is not ready: ${m.reason}`);
    const feeds = Object.fromEntries(
      Object.entries(inputs).map(([k, t]) => [k, new ort.Tensor(t.dtype, t.data, t.dims)]),
    );
    let out: ort.InferenceSession.OnnxValueMapType;
    try {
      out = await m.session.run(feeds);
    } catch (err) {
      throw new DomainError('INVALID_INPUT', (err as Error).message.split('\n')[0]);
    }
    const outputs: NamedTensors = {};
    for (const [k, v] of Object.entries(out)) {
      const t = v as ort.Tensor;
      outputs[k] = { dtype: t.type as TensorDtype, dims: [...t.dims], data: t.data as Tensor['data'] };
    }
    return { modelName: m.name, modelVersion: m.version, outputs };
  }

  async modelStatus(model: string, version?: string): Promise<ModelStatus> {
    const m = this.find(model, version);
    return {
      name: m.name,
      version: m.version,
      ready: m.session !== undefined,
      ...(m.reason ? { reason: m.reason } : {}),
      platform: 'onnxruntime_onnx',
      inputs: m.inputs,
      outputs: m.outputs,
    };
  }

  async listModels(): Promise<ModelStatus[]> {
    return Promise.all([...this.models.keys()].map((name) => this.modelStatus(name)));
  }

  async isReady(): Promise<boolean> {
    return [...this.models.values()].some((m) => m.session);
  }

  async close(): Promise<void> {
    for (const m of this.models.values()) await m.session?.release();
    this.models.clear();
  }

  private find(model: string, version?: string): TestModel {
    const m = this.models.get(model);
    if (!m || (version !== undefined && version !== m.version)) {
      throw new DomainError('MODEL_NOT_FOUND', `no model ${model}${version ? ` version ${version}` : ''}`);
    }
    return m;
  }
}
