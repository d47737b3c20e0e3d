// The entry point of customer-service for the CLI (apps/cli): what an operator's command may use of this
// service. Nothing else of the service is imported from outside it (eslint.config.mjs, boundaries).
export { HTTP_APP } from './app.definition.js';
export { AppModule } from './app.module.js';
export { evaluateStage } from './dialogue/stage-evaluation.js';
export { readIntentExamples } from './intent/banking77-dataset.js';
export { loadIntentModel } from './intent/intent-model-loader.js';
export { DEFAULT_INTENT_MODEL } from './intent/intent-model-spec.js';
export { trainIntentModel } from './intent/intent-model-training.js';
export { extractFields } from './invoices/field-extraction.js';
export type { ExtractedFields } from './invoices/field-extraction.js';
export {
  INVOICE_FIELD_MODEL,
  INVOICE_FIELD_MODEL_VERSION,
  InvoiceFieldClassifier,
  readInvoiceFieldCard,
} from './invoices/invoice-field-model.js';
export { trainInvoiceFieldModel } from './invoices/invoice-field-training.js';
export { InvoiceRecognizer } from './invoices/invoice-recognizer.js';
export { scoreSroie } from './invoices/sroie-evaluation.js';
export { layoutOf, selectSplit } from './invoices/sroie-training-data.js';
export type { SroieSplit } from './invoices/sroie-training-data.js';
export { writeSyntheticReceipts } from './invoices/synthetic-receipt-files.js';
export { importOcrModels } from './ocr/ocr-models.js';
export { DEFAULT_RULE_SET } from './rules/default-rule-set.js';
export { RuleEngine } from './rules/rule-engine.js';
export { supportEnvShape, supportEnvSchema } from './support.config.js';
export type { SupportConfig } from './support.config.js';
