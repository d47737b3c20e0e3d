// Multi-class classification metrics: accuracy, confusion matrix and macro-F1 with scikit-learn's
// conventions (labels = sorted union of true and predicted, F1 of a class with no support and no
// predictions counts 0).

export type ClassLabel = string | number;

function assertSameLength(truth: readonly ClassLabel[], predicted: readonly ClassLabel[]): void {
  if (truth.length !== predicted.length) {
    throw new RangeError(`truth (${truth.length}) and predictions (${predicted.length}) differ in length`);
  }
  if (truth.length === 0) throw new RangeError('no predictions');
}

function sortedLabels(truth: readonly ClassLabel[], predicted: readonly ClassLabel[]): ClassLabel[] {
  return [...new Set([...truth, ...predicted])].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number'
      ? a - b
      : String(a) < String(b)
        ? -1
        : String(a) > String(b)
          ? 1
          : 0,
  );
}

export function accuracy(truth: readonly ClassLabel[], predicted: readonly ClassLabel[]): number {
  assertSameLength(truth, predicted);
  let correct = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) correct++;
  return correct / truth.length;
}

export interface ConfusionMatrix {
  labels: ClassLabel[];
  /** matrix[t][p]: count of rows whose true label is labels[t] and prediction labels[p]. */
  matrix: number[][];
}

export function confusionMatrix(
  truth: readonly ClassLabel[],
  predicted: readonly ClassLabel[],
  labels: readonly ClassLabel[] = sortedLabels(truth, predicted),
): ConfusionMatrix {
  assertSameLength(truth, predicted);
  const index = new Map(labels.map((l, k) => [l, k]));
  const matrix = labels.map(() => new Array<number>(labels.length).fill(0));
  for (let i = 0; i < truth.length; i++) {
    const t = index.get(truth[i]);
    const p = index.get(predicted[i]);
    if (t !== undefined && p !== undefined) matrix[t][p]++;
  }
  return { labels: [...labels], matrix };
}

export interface ClassScores {
  label: ClassLabel;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  accuracy: number;
  macroF1: number;
  perClass: ClassScores[];
}

export function classificationReport(
  truth: readonly ClassLabel[],
  predicted: readonly ClassLabel[],
  labels?: readonly ClassLabel[],
): ClassificationReport {
  const { labels: used, matrix } = confusionMatrix(truth, predicted, labels);
  const perClass = used.map((label, k): ClassScores => {
    const tp = matrix[k][k];
    const support = matrix[k].reduce((s, v) => s + v, 0);
    const predictedCount = matrix.reduce((s, row) => s + row[k], 0);
    const precision = predictedCount > 0 ? tp / predictedCount : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  const macroF1 = perClass.reduce((s, c) => s + c.f1, 0) / perClass.length;
  return { accuracy: accuracy(truth, predicted), macroF1, perClass };
}

export function macroF1(
  truth: readonly ClassLabel[],
  predicted: readonly ClassLabel[],
  labels?: readonly ClassLabel[],
): number {
  return classificationReport(truth, predicted, labels).macroF1;
}
