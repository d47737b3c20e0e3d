// The model card stored beside every model file: models/<name>/<version>/model.json. Its type lives in
// libs/onnx, which training and serving share; re-exported here under the registry's names.
export type { BatchingConfig, ModelCard } from '@suite/onnx';
