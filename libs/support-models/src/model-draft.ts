// The card of a freshly trained version, as this package's trainers hand it to the model repository's
// writer. The writer is libs/inference's writeModelVersion, which the caller (the CLI) binds: this
// package imports no serving code (eslint.config.mjs), so the card's shape is stated here, as the subset
// of libs/inference's ModelCardDraft the trainers fill in (the compiler checks it where the CLI binds it).
export interface ModelDraftTensor {
  name: string;
  dtype: 'float32' | 'int64';
  /** -1 for a dynamic dimension; the first is the batch. */
  shape: number[];
}

export interface ModelDraft {
  name: string;
  version: string;
  task: string;
  description: string;
  inputs: ModelDraftTensor[];
  outputs: ModelDraftTensor[];
  labels: string[];
  batching: {
    maxBatchSize: number;
    maxQueueDelayMicros: number;
    maxQueueSize: number;
    maxBatchTokens: number;
    padValue: number;
  };
  cacheable: boolean;
  metrics: Record<string, unknown>;
  training: {
    data: string;
    licence: string;
    command: string;
    seed: number;
    split: string;
    [key: string]: unknown;
  };
  extra: Record<string, unknown>;
}

/** Writes a version (graph and card) into the model repository: libs/inference's writeModelVersion. */
export type ModelVersionWriter = (
  draft: ModelDraft,
  onnx: Uint8Array,
  options: { overwrite?: boolean; now?: () => Date },
) => Promise<{
  dir: string;
  card: {
    name: string;
    version: string;
    sha256: string;
    metrics?: Record<string, unknown>;
    extra?: Record<string, unknown>;
  };
}>;

/** The fields of a model card (libs/inference's ModelCard) that this package's card checks read. */
export interface CardFields {
  name: string;
  version: string;
  task: string;
  labels?: string[];
  extra?: Record<string, unknown>;
}
