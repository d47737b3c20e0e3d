// The model card that this package's trainers write beside model.onnx
// (models/<name>/<version>/model.json) and that the service reads through libs/inference's registry.
// This package never imports serving (libs/inference), so the card's fields are restated here as
// the JSON they are; the service's loaders assign a card read as libs/inference's ModelCard to these
// types, so tsc checks that the two agree.

export type CardTensorDtype =
  'float32' | 'float64' | 'int64' | 'int32' | 'int8' | 'uint8' | 'bool' | 'string';

export interface CardTensorSpec {
  name: string;
  dtype: CardTensorDtype;
  /** -1 for a dynamic dimension; the first is the batch. */
  shape: number[];
}

export interface ModelCardFields {
  name: string;
  version: string;
  task: string;
  description?: string;
  createdAt: string;
  file: 'model.onnx';
  sha256: string;
  inputs: CardTensorSpec[];
  outputs: CardTensorSpec[];
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
  batching?: {
    maxBatchSize: number;
    maxQueueDelayMicros: number;
    maxQueueSize: number;
    maxBatchTokens?: number;
    padValue?: number | Record<string, number>;
    minTokenFill?: number;
    lengthGrouping?: boolean;
  };
  cacheable?: boolean;
  quantization?: { mode: 'dynamic' | 'weight-only'; blockSize?: number; sourceVersion: string };
  extra?: Record<string, unknown>;
}
