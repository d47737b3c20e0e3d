// The entry point of medical-records for the CLI (apps/cli): what an operator's command may use of this
// service. Nothing else of the service is imported from outside it (eslint.config.mjs, boundaries).
export { HTTP_APP } from './app.definition.js';
export { AppModule } from './app.module.js';
export { evaluateDeid } from './deid/evaluation/deid-evaluation.js';
export { deidReviewHtml } from './deid/evaluation/deid-review-report.js';
export type { ReviewedDocument } from './deid/evaluation/deid-review-report.js';
export { loadDeidModel } from './deid/model/deid-model-loader.js';
export { detectPhiSpans } from './deid/phi-detection.js';
export type { DeidLanguage } from './deid/phi-finding.js';
export { EnglishNoteGenerator } from './deid/synthetic/english-note-generator.js';
export { buildEnglishGazetteer, GAZETTEER_PATH } from './deid/gazetteer/english-gazetteer.js';
export {
  InMemoryNameMemory,
  NameMemoryHasher,
  nameWordHashes,
  withRememberedNames,
} from './deid/patient-name-memory.js';
export {
  DEID_MODEL_NAME,
  ENGLISH_DEID_MODEL_NAME,
  MEDDOCAN_CORPUS,
  PHYSIONET_CORPUS,
  trainDeidModel,
} from './deid/training/deid-model-training.js';
export { readNerCorpus } from './ner/corpus/ner-corpus.js';
export { evaluateTaggerOnCorpus } from './ner/evaluation/ner-evaluation.js';
export { loadNerModel } from './ner/model/ner-model-loader.js';
export { trainNerModel } from './ner/training/ner-model-training.js';
export { NER_MODEL_NAMES } from './ner/training/ner-recipes.js';
export type { NerModelName } from './ner/training/ner-recipes.js';
export { MedicalTokenizer } from './tokenizer/medical-tokenizer.js';
export { medicalEnvShape, medicalEnvSchema } from './medical.config.js';
export type { MedicalConfig } from './medical.config.js';
