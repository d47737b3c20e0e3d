// The model card stored beside every model file (models/<name>/<version>/model.json): with the ONNX
// file, the only contract between training and serving (docs/ARCHITECTURE.md). Stated once, here on
// the floor both sides already share, so that trainers (libs/ml, libs/<domain>-models) and serving
// (libs/inference, the services) read and write the same type without importing each other.
// Types only: the JSON is what libs/inference's writeModelVersion writes.

/** Element types of a model's inputs and outputs (the engine's tensors speak the same). */
export type TensorDtype = 'float32' | 'float64' | 'int64' | 'int32' | 'int8' | 'uint8' | 'bool' | 'string';

export interface TensorSpec {
  name: string;
  dtype: TensorDtype;
  /** -1 for a dynamic dimension; the first is the batch. */
  shape: number[];
}

export interface BatchingConfig {
  maxBatchSize: number;
  maxQueueDelayMicros: number;
  maxQueueSize: number;
  /** For sequence models: cap on batch tokens, padding counted. */
  maxBatchTokens?: number;
  /**
   * Sequence models (maxBatchTokens set): value that pads inputs whose dim 1 is dynamic, one for all
   * or per input name (e.g. the pad token id for ids, 0 for the attention mask). Default 0.
   */
  padValue?: number | Record<string, number>;
  /** Sequence models: least share of real tokens in a batch (default 0.75). */
  minTokenFill?: number;
  /** Sequence models: group similar lengths (default true); false is count-only, for comparison. */
  lengthGrouping?: boolean;
}

export interface ModelCard {
  name: string;
  version: string;
  task: string;
  description?: string;
  createdAt: string;
  /** Relative file name inside the version folder; always model.onnx for Triton compatibility. */
  file: 'model.onnx';
  sha256: string;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  labels?: string[];
  metrics?: Record<string, unknown>;
  training?: {
    data: string;
    licence: string;
    command: string;
    seed?: number;
    split?: string;
    [key: string]: unknown;
  };
  privacy?: { epsilon: number; delta: number; noiseMultiplier: number; [key: string]: unknown };
  batching?: BatchingConfig;
  /** Whether the model is deterministic and its outputs may be cached. */
  cacheable?: boolean;
  quantization?: { mode: 'dynamic' | 'weight-only'; blockSize?: number; sourceVersion: string };
  /** Anything a service needs beside the graph (feature hashing sizes, thresholds, vocabularies). */
  extra?: Record<string, unknown>;
}

/** The card a trainer hands the model repository's writer, which adds the file, its sha256 and the date. */
export type ModelCardDraft = Omit<ModelCard, 'sha256' | 'file' | 'createdAt'> & { createdAt?: string };

/** What the writer returns: the version's folder and the card written there. */
export interface WrittenModelVersion {
  dir: string;
  card: ModelCard;
}
