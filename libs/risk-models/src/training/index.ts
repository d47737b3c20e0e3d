// `@suite/risk-models/training`: the risk model's training: the credit-default split, the GBDT teacher,
// the monotone scorecard student and its projected optimiser, Platt calibration folded into the
// weights, the drift baseline and extrapolation figures of the card, and the ONNX export. Imported by
// the CLI, the benches, tests and specs, and by risk-scoring's in-process weekly retraining (the one
// service exception, eslint.config.mjs); never by the service's serving code.
export {
  type CreditDefaultPart,
  creditDefaultPartOf,
  SPLIT_RULE,
  splitCreditDefault,
} from './credit-default-split.js';
export { GBDT_OPTIONS, gbdtTeacherTrainer } from './gbdt-teacher.js';
export { projectMonotone } from './projected-optimizer.js';
export {
  foldCalibration,
  probabilityOf,
  reasonBaselines,
  reasonReferences,
  RISK_BATCHING,
  RISK_TRAINING_SEED,
  type RiskModelDraft,
  type RiskModelRepository,
  type RiskTrainingOptions,
  STUDENT_HYPERPARAMETERS,
  TEXT_BITS,
  trainRiskModel,
  trainStudent,
} from './risk-model-training.js';
export { type StudentTrainingOptions, toSparseInput, trainScorecardStudent } from './scorecard-student.js';
export { readScorecardWeights, toLogisticRegression } from './scorecard-weights.js';
export { TEACHER_NUMERIC_FEATURES, TeacherFeatureEncoder } from './teacher-features.js';
export type { TeacherModel, TeacherTrainer, TeacherTrainingData } from './teacher-model.js';
export {
  type ExtremeSegmentFigures,
  extrapolationNote,
  extremeSegments,
  type TrainingRanges,
  trainingRanges,
} from './training-extremes.js';
export { exportScorecardToOnnx } from '../model/scorecard-onnx.js';
export { fitDistributionBaseline, fitDriftBaseline } from '../monitoring/drift-baseline.js';
