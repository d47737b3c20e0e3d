// The surface of libs/ml: what the services, the CLI and the benches import, nothing else (its own specs
// import files directly). Add a name here when a caller needs it.
export {
  type BratDocument,
  type BratEntity,
  readBratFolder,
  writeBratAnnotations,
} from './data/brat-format.js';
export { formatCsv, parseCsv, readCsvRows } from './data/csv-reader.js';
export { formatIob, readIobFile, writeIobFile } from './data/iob-format.js';
export {
  SROIE_FIELDS,
  type SroieField,
  type SroieKey,
  type SroieReceipt,
  type SroieTextLine,
  readSroieFolder,
} from './data/sroie-reader.js';
export { stratifiedSplit } from './data/stratified-split.js';
export type { TextSource } from './data/text-source.js';
export { fitPlattScaling, type PlattParameters } from './calibration/platt-calibration.js';
export { RdpAccountant, computeEpsilon, findNoiseMultiplier } from './dp/rdp-accountant.js';
export { exportClassifierToOnnx, packSparseBatch } from './export/classifier-onnx.export.js';
export {
  HashingVectorizer,
  type HashingVectorizerConfig,
  type HashingVectorizerOptions,
  hashingVectorizerConfigSchema,
} from './features/hashing-vectorizer.js';
export { murmurHash3, murmurHash3Signed } from './features/murmur-hash3.js';
export { QuantileBinner, binIndex, quantileOfSorted } from './features/quantile-binning.js';
export type { SparseVector } from './features/sparse-vector.js';
export { type CalibrationBin, brierScore, calibrationTable } from './metrics/calibration-metrics.js';
export { classificationReport } from './metrics/classification-metrics.js';
export { type PsiBand, populationStabilityIndex, psiBand } from './metrics/population-stability.js';
export {
  evaluateProbabilities,
  type ProbabilityEvaluation,
  roundFigures,
} from './metrics/probability-evaluation.js';
export { ksStatistic, rocAuc, rocCurve } from './metrics/ranking-metrics.js';
export { type SpanEvaluation, evaluateSpans } from './metrics/span-metrics.js';
export { LogisticRegression } from './models/linear/logistic-regression.model.js';
export { SoftmaxRegression } from './models/linear/softmax-regression.model.js';
export { trainStructuredPerceptron } from './models/tagger/structured-perceptron.trainer.js';
export {
  type GradientBoostingOptions,
  type LabelledMatrix,
  trainGradientBoostedTrees,
} from './models/trees/gradient-boosting.trainer.js';
export { tabularMatrix } from './models/trees/histogram-bin-mapper.js';
export { createOptimizer } from './optim/create-optimizer.js';
export type { GradientBuffer } from './optim/gradient-buffer.js';
export type { Optimizer } from './optim/optimizer.js';
export { ParameterSet } from './optim/parameter-set.js';
export { ProjectedOptimizer } from './optim/projected-optimizer.js';
export {
  TrainingProgress,
  type TrainingProgressListener,
  silentProgress,
} from './progress/training-progress.js';
export { Rng } from './random/rng.js';
export { renderModelReport } from './report/model-report.js';
export { distillClassifier } from './training/distillation.trainer.js';
export { trainLogisticRegression, trainSoftmaxRegression } from './training/linear-training.js';
export { trainClassifier } from './training/minibatch-trainer.js';
export type { TrainingExample } from './training/trainable-classifier.js';
export {
  type DpSgdOptions,
  type DpSgdResult,
  trainCrfWithDpSgd,
} from './models/tagger/dp-sgd-crf.trainer.js';
export { type TransitionScores, tokenMarginals, viterbiDecode } from './models/tagger/linear-chain.js';
export {
  type TaggerWeights,
  type TaggingExample,
  emissionsOf,
  maskedTransitions,
} from './models/tagger/tagger-weights.js';
