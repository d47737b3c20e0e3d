// One weekly retraining step, without I/O: warm-start a challenger from the champion on the outcomes
// since the last run plus a replay sample of the original training data (so that a small or skewed
// week does not make the model forget), calibrate it, and compare both on the out-of-time window
// (the most recently scored labelled applications, which neither model trained on).
import {
  evaluateProbabilities,
  fitPlattScaling,
  populationStabilityIndex,
  type ProbabilityEvaluation,
  type TrainingExample,
} from '@suite/ml';
import type { ApplicantRecord, ReasonGroup, RiskFeatureEncoder, ScorecardWeights } from '@suite/risk-models';
import {
  foldCalibration,
  probabilityOf,
  reasonBaselines,
  toLogisticRegression,
  toSparseInput,
  trainScorecardStudent,
} from '@suite/risk-models/training';
import type { RetrainingGates } from '../risk-options.js';

export interface LabelledRecord {
  record: ApplicantRecord;
  label: number;
}

export interface ChallengerData {
  /** Labelled applications of the window, oldest scored first. */
  window: LabelledRecord[];
  replayFit: LabelledRecord[];
  replayCalibration: LabelledRecord[];
}

/** Share of the window (the most recent) kept for the out-of-time comparison. */
export const EVALUATION_SHARE = 0.3;
/** Share of the window's training part used, with the replay calibration sample, for Platt scaling. */
export const CALIBRATION_SHARE = 0.2;
export const WARM_START = { epochs: 5, batchSize: 256, learningRate: 0.002, l2: 1e-3 };

export interface ChallengerOutcome {
  weights: ScorecardWeights;
  platt: { a: number; b: number };
  reasonBaselines: Record<ReasonGroup, number>;
  trainingRecords: ApplicantRecord[];
  trainingProbabilities: number[];
  trainingRows: number;
  evaluation: LabelledRecord[];
}

export function splitWindow(window: readonly LabelledRecord[]): {
  training: LabelledRecord[];
  evaluation: LabelledRecord[];
} {
  const evaluationSize = Math.ceil(window.length * EVALUATION_SHARE);
  return {
    training: window.slice(0, window.length - evaluationSize),
    evaluation: window.slice(window.length - evaluationSize),
  };
}

export function trainChallenger(
  encoder: RiskFeatureEncoder,
  champion: ScorecardWeights,
  data: ChallengerData,
  seed: number,
): ChallengerOutcome {
  const { training, evaluation } = splitWindow(data.window);
  const calibrationSize = Math.floor(training.length * CALIBRATION_SHARE);
  const fitRows = [...training.slice(0, training.length - calibrationSize), ...data.replayFit];
  const calibrationRows = [...training.slice(training.length - calibrationSize), ...data.replayCalibration];
  const examples = (rows: LabelledRecord[]): TrainingExample[] =>
    rows.map((r) => ({ x: toSparseInput(encoder.encode(r.record)), label: r.label }));
  const model = trainScorecardStudent(encoder, examples(fitRows), {
    ...WARM_START,
    seed,
    warmStart: toLogisticRegression(champion),
  });
  const calibration = examples(calibrationRows);
  const platt = fitPlattScaling(
    calibration.map((e) => {
      const p = Math.min(Math.max(model.predictPositive(e.x), 1e-12), 1 - 1e-12);
      return Math.log(p / (1 - p));
    }),
    calibration.map((e) => e.label),
  );
  const weights = foldCalibration(model, platt, encoder.width);
  const encoded = fitRows.map((r) => encoder.encode(r.record));
  return {
    weights,
    platt,
    reasonBaselines: reasonBaselines(weights, encoded),
    trainingRecords: fitRows.map((r) => r.record),
    trainingProbabilities: encoded.map((e) => probabilityOf(weights, e.indices, e.values)),
    trainingRows: fitRows.length,
    evaluation,
  };
}

export interface GateResult {
  passed: boolean;
  champion?: number;
  challenger: number;
  limit: number;
}

export interface GateDecision {
  promote: boolean;
  reasons: string[];
  results: { auc: GateResult; ece: GateResult; psi: GateResult };
  champion: ProbabilityEvaluation;
  challenger: ProbabilityEvaluation;
}

/** The gates: AUC not worse than the champion's by more than the tolerance, ECE and PSI bounded. */
export function judgeChallenger(
  encoder: RiskFeatureEncoder,
  champion: ScorecardWeights,
  challenger: ScorecardWeights,
  evaluation: readonly LabelledRecord[],
  gates: RetrainingGates,
): GateDecision {
  const encoded = evaluation.map((r) => encoder.encode(r.record));
  const labels = evaluation.map((r) => r.label);
  const championP = encoded.map((e) => probabilityOf(champion, e.indices, e.values));
  const challengerP = encoded.map((e) => probabilityOf(challenger, e.indices, e.values));
  const c = evaluateProbabilities(labels, championP);
  const n = evaluateProbabilities(labels, challengerP);
  const psi = populationStabilityIndex(championP, challengerP).psi;
  const results = {
    auc: {
      passed: n.auc >= c.auc - gates.aucTolerance,
      champion: c.auc,
      challenger: n.auc,
      limit: c.auc - gates.aucTolerance,
    },
    ece: { passed: n.ece <= gates.maxEce, champion: c.ece, challenger: n.ece, limit: gates.maxEce },
    psi: { passed: psi < gates.maxPsi, challenger: psi, limit: gates.maxPsi },
  };
  const reasons: string[] = [];
  if (!results.auc.passed)
    reasons.push(
      `AUC ${n.auc.toFixed(4)} is more than ${gates.aucTolerance} below the champion's ${c.auc.toFixed(4)}`,
    );
  if (!results.ece.passed) reasons.push(`calibration error ${n.ece.toFixed(4)} exceeds ${gates.maxEce}`);
  if (!results.psi.passed)
    reasons.push(`score PSI ${psi.toFixed(4)} against the champion reaches ${gates.maxPsi}`);
  return { promote: reasons.length === 0, reasons, results, champion: c, challenger: n };
}
