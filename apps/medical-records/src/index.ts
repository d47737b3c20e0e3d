// The entry point of medical-records for the CLI (apps/cli): what an operator's command may use of this
// service. Nothing else of the service is imported from outside it (eslint.config.mjs, boundaries).
export { HTTP_APP } from './app.definition.js';
export { AppModule } from './app.module.js';
export { evaluateDeid } from './deid/evaluation/deid-evaluation.js';
export { deidReviewHtml } from './deid/evaluation/deid-review-report.js';
export type { ReviewedDocument } from './deid/evaluation/deid-review-report.js';
export { deidTrainingPipeline } from './deid/evaluation/deid-training-pipeline.js';
export { loadDeidModel } from './deid/model/deid-model-loader.js';
export { detectPhiSpans } from './deid/phi-detection.js';
export type { DeidLanguage } from './deid/phi-finding.js';
export {
  InMemoryNameMemory,
  NameMemoryHasher,
  nameWordHashes,
  withRememberedNames,
} from './deid/patient-name-memory.js';
export { loadNerModel, readNerModelCard } from './ner/model/ner-model-loader.js';
export { medicalEnvShape, medicalEnvSchema } from './medical.config.js';
export type { MedicalConfig } from './medical.config.js';
