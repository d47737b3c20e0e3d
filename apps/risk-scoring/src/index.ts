// The entry point of risk-scoring for the CLI (apps/cli): what an operator's command may use of this
// service. Nothing else of the service is imported from outside it (eslint.config.mjs, boundaries).
export { HTTP_APP } from './app.definition.js';
export { AppModule } from './app.module.js';
export { evaluateRiskModel } from './evaluation/risk-evaluation.js';
export { newestRiskModelVersion, openRiskModel } from './model-registry/risk-model-scorer.js';
export { retrainFromCli } from './retraining/retraining.cli.js';
export { riskEnvShape, riskEnvSchema } from './risk.config.js';
export type { RiskConfig } from './risk.config.js';
