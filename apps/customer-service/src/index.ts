// The entry point of customer-service for the CLI (apps/cli): what an operator's command may use of this
// service. Nothing else of the service is imported from outside it (eslint.config.mjs, boundaries). The
// models' shared code and their training are libs/support-models (`@suite/support-models[/training]`).
export { HTTP_APP } from './app.definition.js';
export { AppModule } from './app.module.js';
export { evaluateStage, type StageReport } from './dialogue/stage-evaluation.js';
export { loadIntentModel } from './intent/intent-model-loader.js';
export { InvoiceFieldClassifier, readInvoiceFieldCard } from './invoices/invoice-field-model.js';
export { InvoiceRecognizer } from './invoices/invoice-recognizer.js';
export { DEFAULT_RULE_SET } from './rules/default-rule-set.js';
export { RuleEngine } from './rules/rule-engine.js';
export { supportEnvShape, supportEnvSchema } from './support.config.js';
export type { SupportConfig } from './support.config.js';
