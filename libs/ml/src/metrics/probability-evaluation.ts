// The figures a binary probability model is judged by (e.g. the risk model's card, `eval risk` and its
// retraining gates): ranking (AUC, KS), accuracy of the probabilities (Brier), and calibration
// (expected calibration error over ten equal-width bins, Naeini et al. 2015, with the table behind it).
import { brierScore, calibrationTable, type CalibrationBin } from './calibration-metrics.js';
import { ksStatistic, rocAuc } from './ranking-metrics.js';

export interface ProbabilityEvaluation {
  n: number;
  defaults: number;
  auc: number;
  ks: number;
  brier: number;
  ece: number;
  calibration: CalibrationBin[];
}

export function evaluateProbabilities(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
): ProbabilityEvaluation {
  const table = calibrationTable(labels, probabilities, { bins: 10, strategy: 'uniform' });
  let defaults = 0;
  for (let i = 0; i < labels.length; i++) defaults += labels[i];
  const n = labels.length;
  const ece = table.reduce(
    (s, bin) => s + (bin.count / n) * Math.abs(bin.meanPredicted - bin.observedRate),
    0,
  );
  return {
    n,
    defaults,
    auc: rocAuc(labels, probabilities),
    ks: ksStatistic(labels, probabilities).ks,
    brier: brierScore(labels, probabilities),
    ece,
    calibration: table,
  };
}

/** Rounds figures for cards and JSON output (4 decimals keeps AUC differences of 1e-4 visible). */
export function roundFigures<T>(value: T, digits = 4): T {
  const f = 10 ** digits;
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) =>
      typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * f) / f : v,
    ),
  ) as T;
}
