// Probability quality for binary outcomes: the Brier score (Brier 1950) and a reliability table of
// mean predicted probability against observed event rate per bin (as sklearn's calibration_curve).
import { quantileOfSorted } from '../features/quantile-binning.js';

function assertProbabilities(labels: ArrayLike<number>, probabilities: ArrayLike<number>): void {
  if (labels.length !== probabilities.length)
    throw new RangeError('labels and probabilities differ in length');
  if (labels.length === 0) throw new RangeError('no predictions');
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1)
      throw new RangeError(`labels must be 0 or 1, got ${labels[i]} at ${i}`);
    const p = probabilities[i];
    if (!(p >= 0 && p <= 1)) throw new RangeError(`probabilities must be in [0, 1], got ${p} at ${i}`);
  }
}

/** Mean squared difference between predicted probability and outcome (0 is perfect). */
export function brierScore(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  assertProbabilities(labels, probabilities);
  let s = 0;
  for (let i = 0; i < labels.length; i++) s += (probabilities[i] - labels[i]) ** 2;
  return s / labels.length;
}

export interface CalibrationBin {
  lower: number;
  upper: number;
  meanPredicted: number;
  observedRate: number;
  count: number;
}

export interface CalibrationOptions {
  bins?: number;
  /** 'uniform': equal-width bins on [0, 1]; 'quantile': equal-count bins on the predictions. */
  strategy?: 'uniform' | 'quantile';
}

/** Reliability table; bins with no predictions are left out. Bin k holds [edge_k, edge_k+1). */
export function calibrationTable(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  options: CalibrationOptions = {},
): CalibrationBin[] {
  assertProbabilities(labels, probabilities);
  const nBins = options.bins ?? 10;
  if (!Number.isInteger(nBins) || nBins < 1)
    throw new RangeError(`bins must be a positive integer, got ${nBins}`);
  let edges: number[];
  if (options.strategy === 'quantile') {
    const sorted = Float64Array.from(probabilities).sort();
    edges = Array.from({ length: nBins + 1 }, (_, k) => quantileOfSorted(sorted, k / nBins));
  } else {
    edges = Array.from({ length: nBins + 1 }, (_, k) => k / nBins);
  }
  const sums = new Array<number>(nBins).fill(0);
  const events = new Array<number>(nBins).fill(0);
  const counts = new Array<number>(nBins).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i];
    // searchsorted(edges[1:-1], p, side='right'): the last bin also takes p == 1.
    let k = 0;
    while (k < nBins - 1 && p >= edges[k + 1]) k++;
    sums[k] += p;
    events[k] += labels[i];
    counts[k]++;
  }
  const table: CalibrationBin[] = [];
  for (let k = 0; k < nBins; k++) {
    if (counts[k] === 0) continue;
    table.push({
      lower: edges[k],
      upper: edges[k + 1],
      meanPredicted: sums[k] / counts[k],
      observedRate: events[k] / counts[k],
      count: counts[k],
    });
  }
  return table;
}
