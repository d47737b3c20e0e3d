// `@suite/risk-models`: what both risk-scoring's serving and the risk model's training need, the
// contract of the ONNX model's input and card: the applicant record and its account facts, the UCI
// credit-default CSV (the evaluation contract's format), the narrative enrichment hashed into the
// features, the feature encoder whose fixed-width output the graph reads, the reason groups, the card's
// schema (drift baseline included) and the graph's I/O names. Trainers, recipes and the split are in
// `@suite/risk-models/training` (the CLI, benches, tests and the service's in-process weekly retraining
// only). Add a name here when a caller needs it.
export { type AccountFacts, deriveAccountFacts } from './applicant/account-facts.js';
export {
  type ApplicantRecord,
  HISTORY_MONTHS,
  type MonthlyAccountState,
  monthsLate,
  REPAYMENT_STATUS_MAX,
  REPAYMENT_STATUS_MIN,
} from './applicant/applicant-record.js';
export { type LabelledApplicant, readCreditDefaultCsv } from './applicant/credit-default-csv.js';
export {
  type ApplicantNarrative,
  COVERAGE_LEVELS,
  LIMIT_LEVELS,
  TREND_STEADY,
  UTILISATION_HIGH,
} from './enrichment/applicant-enricher.js';
export { REASON_GROUPS, type ReasonGroup } from './features/reason-group.js';
export { RiskFeatureEncoder } from './features/risk-features.js';
export {
  asRiskModelCard,
  readRiskModelCard,
  type ReasonReferences,
  RISK_MODEL_NAME,
  type RiskModelCard,
} from './model/risk-model-card.js';
export { SCORECARD_INPUTS, SCORECARD_OUTPUTS, type ScorecardWeights } from './model/scorecard-onnx.js';
export { type DriftBaseline, monitoredInputValues, psiAgainstBaseline } from './monitoring/drift-baseline.js';
