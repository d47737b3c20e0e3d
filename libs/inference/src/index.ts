export * from './engine/tensor.js';
export * from './engine/inference-backend.js';
export * from './onnx/onnx-graph.js';
