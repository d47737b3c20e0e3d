// The surface of libs/inference: what the services, the CLI, the benches and libs/ml import, nothing else
// (tests and benches get fixtures from `@suite/inference/testing`). Add a name here when a caller needs it.
export { LruCache } from './cache/lru-cache.js';
export type { EngineLogger } from './engine/execution-provider.js';
export { INFERENCE_BACKEND, type InferenceBackend, type TensorSpec } from './engine/inference-backend.js';
export { inferenceEnvShape } from './engine/inference.env.js';
export { InferenceModule, type InferenceModuleOptions } from './engine/inference.module.js';
export { LocalInferenceEngine, openInferenceEngineCount } from './engine/local-inference.engine.js';
export { type NamedTensors, type TensorDtype, int64Tensor } from './engine/tensor.js';
export { InferenceHttpModule } from './kserve/inference-http.module.js';
export { decodeV2Tensors } from './kserve/kserve-v2.codec.js';
export { INFERENCE_SCOPE } from './kserve/kserve-v2.controller.js';
export { borrowOrOpenBackend, openInferenceBackend } from './kserve/open-inference-backend.js';
export { RemoteInferenceBackend } from './kserve/remote-inference.backend.js';
export { detectInt8Cpu, dynamicWeightTypeFor } from './quantize/int8-cpu-support.js';
export { quantizeOnnxModel } from './quantize/model-quantizer.js';
export { measureQuantization } from './quantize/quantization-report.js';
export { quantizeModelVersion, servingVersionOf } from './quantize/quantize-model-version.js';
export type { BatchingConfig, ModelCard } from './registry/model-card.js';
export { type ModelCardDraft, writeModelVersion } from './registry/model-version-writer.js';
export { compareModelVersions, newestModelVersion } from './registry/model-versions.js';
export { PostgresServingVersionStore } from './registry/serving-version.store.js';
export {
  importOcrModels,
  OCR_DETECTOR_MODEL,
  OCR_DICTIONARY_FILE,
  OCR_MODEL_SOURCES,
  OCR_MODEL_VERSION,
  OCR_RECOGNIZER_MODEL,
  type OcrImportResult,
  ocrPackageAssetsDir,
  readOcrDictionary,
  sourceSha256Of,
} from './model-repository/ocr-models.js';
export { scanRepository } from './model-repository/repository-scan.js';
export type { TritonInstanceKind } from './model-repository/triton-config.js';
export { exportTritonConfigs } from './model-repository/triton-export.js';

// The engine's error codes, registered with the platform when the lib is loaded.
export { INFERENCE_ERROR_CODES } from './inference.errors.js';
export { planBatch } from './batching/batch-planner.js';
export { concatRows } from './engine/tensor-batch.js';
