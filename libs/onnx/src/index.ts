// ONNX model building and reading (protobuf), shared by training (exporters) and serving (quantizer,
// worker pool, fixtures): neither side depends on the other through it.
export * from './onnx-graph.js';
