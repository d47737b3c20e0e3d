// Ranking metrics for binary scores: ROC AUC as the Mann-Whitney U statistic with average ranks for
// ties (Hanley & McNeil 1982), the ROC curve, and the Kolmogorov-Smirnov statistic used in credit
// scoring (max distance between the score distributions of goods and bads).

function assertBinary(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): { positives: number; negatives: number } {
  if (labels.length !== scores.length)
    throw new RangeError(`labels (${labels.length}) and scores (${scores.length}) differ in length`);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1)
      throw new RangeError(`labels must be 0 or 1, got ${labels[i]} at ${i}`);
    if (Number.isNaN(scores[i])) throw new RangeError(`score at ${i} is NaN`);
    positives += labels[i];
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0)
    throw new RangeError('ROC metrics need both positive and negative labels');
  return { positives, negatives };
}

/** Indices ordered by score, descending (stable). */
function byScoreDescending(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
}

/** Area under the ROC curve; tied scores count one half, as with average ranks. */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { positives, negatives } = assertBinary(labels, scores);
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSumPositives = 0;
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && scores[order[end]] === scores[order[start]]) end++;
    // Ranks start..end-1 (0-based) share the average rank (start + end + 1) / 2 (1-based).
    const averageRank = (start + end + 1) / 2;
    for (let k = start; k < end; k++) if (labels[order[k]] === 1) rankSumPositives += averageRank;
    start = end;
  }
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface RocPoint {
  /** Predict positive when score >= threshold; the first point's threshold is +Infinity. */
  threshold: number;
  fpr: number;
  tpr: number;
}

/** ROC curve at every distinct score, highest first, starting at (0, 0) (sklearn roc_curve, no dropping). */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): RocPoint[] {
  const { positives, negatives } = assertBinary(labels, scores);
  const order = byScoreDescending(scores);
  const points: RocPoint[] = [{ threshold: Infinity, fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    if (labels[order[k]] === 1) tp++;
    else fp++;
    if (k + 1 < order.length && scores[order[k + 1]] === scores[order[k]]) continue;
    points.push({ threshold: scores[order[k]], fpr: fp / negatives, tpr: tp / positives });
  }
  return points;
}

/** KS statistic: max over thresholds of |TPR - FPR|, with the threshold where it is attained. */
export function ksStatistic(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): { ks: number; threshold: number } {
  let best = { ks: 0, threshold: Infinity };
  for (const p of rocCurve(labels, scores)) {
    const d = Math.abs(p.tpr - p.fpr);
    if (d > best.ks) best = { ks: d, threshold: p.threshold };
  }
  return best;
}
