// What callers depend on: the local engine (onnxruntime in worker threads) and the remote KServe v2
// client both implement it, so a service moves to Triton by configuration alone (INFERENCE_URL).
import type { TensorSpec } from '@suite/onnx';
import type { NamedTensors } from './tensor.js';

/** A model's input or output as its card states it (libs/onnx). */
export type { TensorSpec };

export interface InferOptions {
  /** Serve this version instead of the promoted one. */
  version?: string;
  /** 0 is the highest priority; larger numbers wait behind smaller ones. */
  priority?: number;
  /** Maximum time the request may wait in the queue. */
  timeoutMs?: number;
}

export interface InferResult {
  modelName: string;
  modelVersion: string;
  outputs: NamedTensors;
}

export interface ModelStatus {
  name: string;
  version: string;
  ready: boolean;
  /** Why the model is not ready (load failure, checksum mismatch, warm-up failure). */
  reason?: string;
  platform: 'onnxruntime_onnx';
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

export interface InferenceBackend {
  infer(model: string, inputs: NamedTensors, options?: InferOptions): Promise<InferResult>;
  modelStatus(model: string, version?: string): Promise<ModelStatus>;
  listModels(): Promise<ModelStatus[]>;
  isReady(): Promise<boolean>;
  close(): Promise<void>;
  /** Triton's model repository extension: (re)load every version of a model from the repository. */
  loadModel?(model: string): Promise<void>;
  /** Triton's model repository extension: stop serving a model and free its sessions. */
  unloadModel?(model: string): Promise<void>;
}

export const INFERENCE_BACKEND = Symbol('INFERENCE_BACKEND');
