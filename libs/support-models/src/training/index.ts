// The training surface of libs/support-models (`@suite/support-models/training`): customer-service's
// offline trainers, the Banking77 and SROIE readers and splits, synthetic receipts and OCR-noise
// augmentation, and model-only evaluation. Only the CLI, the benches and tests import it, never the service.
export {
  INTENT_SPLIT,
  type IntentExample,
  readIntentExamples,
  readIntentNames,
  splitIntentExamples,
} from './intent/banking77-dataset.js';
export {
  exportTemperedIntentModel,
  INTENT_FEATURES,
  INTENT_TRAINING,
  type IntentModelDraft,
  intentModelDraft,
  type IntentTrainingPorts,
  type LabelledRanking,
  readIntentFeatureSet,
  trainIntentModel,
  trainIntentSoftmax,
} from './intent/intent-model-training.js';
export { coveragePrecisionCurve, perIntentThresholds } from './intent/intent-thresholds.js';
export { fitTemperature, temperedSoftmax } from './intent/temperature-scaling.js';
export {
  INVOICE_TRAINING,
  predictFromBoxes,
  trainInvoiceFieldModel,
} from './invoices/invoice-field-training.js';
export { DEFAULT_OCR_NOISE, withOcrNoise } from './invoices/ocr-noise.js';
export { type SroieScore, scoreSroie } from './invoices/sroie-evaluation.js';
export {
  isDevReceipt,
  labelLines,
  layoutOf,
  selectSplit,
  type SroieSplit,
} from './invoices/sroie-training-data.js';
export { writeSyntheticReceipts } from './invoices/synthetic-receipt-files.js';
export { receiptLayout, renderReceiptJpeg, syntheticReceipt } from './invoices/synthetic-receipts.js';
