// `@suite/risk-models/training`: the risk model's training: the credit-default split, the GBDT teacher,
// the monotone scorecard student (libs/ml's projected Adam, Platt scaling folded into the weights), the
// drift baseline and extrapolation figures of the card, and the ONNX export. Imported by the CLI, the
// benches, tests and specs, and by risk-scoring's in-process weekly retraining (the one service
// exception, eslint.config.mjs); never by the service's serving code. Add a name here when a caller
// needs it.
export { splitCreditDefault } from './credit-default-split.js';
export { gbdtTeacherTrainer } from './gbdt-teacher.js';
export {
  foldCalibration,
  probabilityOf,
  reasonBaselines,
  type RiskModelDraft,
  type RiskModelRepository,
  type RiskTrainingOptions,
  trainRiskModel,
} from './risk-model-training.js';
export { toSparseInput, trainScorecardStudent } from './scorecard-student.js';
export { readScorecardWeights, toLogisticRegression } from './scorecard-weights.js';
export type { TeacherTrainer } from './teacher-model.js';
export { exportScorecardToOnnx } from '../model/scorecard-onnx.js';
export { fitDriftBaseline } from '../monitoring/drift-baseline.js';
