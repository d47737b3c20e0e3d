// ONNX model building and reading (protobuf), shared by training (exporters) and serving (quantizer,
// worker pool, fixtures): neither side depends on the other through it. The model card (the JSON
// beside every model file) is typed here for the same reason.
export type {
  BatchingConfig,
  ModelCard,
  ModelCardDraft,
  TensorDtype,
  TensorSpec,
  WrittenModelVersion,
} from './model-card.js';
export * from './onnx-graph.js';
