// Where the scorecard is extrapolating: the range of every input in the training data, and, for the
// extreme segments a reviewer asks about (very late, very high limits), how many training rows there
// were, how often they defaulted, and the model's mean probability on the dev rows of the segment.
// Beyond the ranges the scorecard extends no trend: a binned input takes its edge bin (a 1e9 limit
// scores as the top limit bin) and months late above the largest seen count as the largest seen.
import { type ApplicantRecord, monthsLate } from '../applicant/applicant-record.js';
import type { LabelledApplicant } from '../applicant/credit-default-csv.js';

export interface TrainingRanges {
  creditLimit: [number, number];
  billAmount: [number, number];
  paymentAmount: [number, number];
  repaymentStatus: [number, number];
}

export interface ExtremeSegmentFigures {
  segment: string;
  trainRows: number;
  /** Null where the training data has no row of the segment: the model's figure is extrapolated. */
  trainDefaultRate: number | null;
  devRows: number;
  devDefaultRate: number | null;
  devMeanProbability: number | null;
}

const anyMonth = (r: ApplicantRecord, late: number) =>
  r.history.some((m) => monthsLate(m.repaymentStatus) >= late);
const SEGMENTS: readonly [string, (r: ApplicantRecord) => boolean][] = [
  ['latest month 2+ months late', (r) => monthsLate(r.history[0].repaymentStatus) >= 2],
  ['latest month 3+ months late', (r) => monthsLate(r.history[0].repaymentStatus) >= 3],
  ['all six months 2+ months late', (r) => r.history.every((m) => monthsLate(m.repaymentStatus) >= 2)],
  ['any month 7+ months late', (r) => anyMonth(r, 7)],
  ['any month 8+ months late', (r) => anyMonth(r, 8)],
  ['any month 9 (nine or more) months late', (r) => anyMonth(r, 9)],
  ['credit limit 500,000 or more', (r) => r.creditLimit >= 500_000],
  ['credit limit above 1,000,000', (r) => r.creditLimit > 1_000_000],
];

export function trainingRanges(rows: readonly LabelledApplicant[]): TrainingRanges {
  const range = (values: number[]): [number, number] => [
    values.reduce((a, b) => Math.min(a, b), Infinity),
    values.reduce((a, b) => Math.max(a, b), -Infinity),
  ];
  const months = rows.flatMap((r) => r.record.history);
  return {
    creditLimit: range(rows.map((r) => r.record.creditLimit)),
    billAmount: range(months.map((m) => m.billAmount)),
    paymentAmount: range(months.map((m) => m.paymentAmount)),
    repaymentStatus: range(months.map((m) => m.repaymentStatus)),
  };
}

export function extremeSegments(
  train: readonly LabelledApplicant[],
  dev: readonly LabelledApplicant[],
  devProbabilities: readonly number[],
): ExtremeSegmentFigures[] {
  const rate = (labels: number[]) =>
    labels.length === 0 ? null : labels.reduce((s, l) => s + l, 0) / labels.length;
  return SEGMENTS.map(([segment, inSegment]) => {
    const trainRows = train.filter((r) => inSegment(r.record));
    const devIdx = dev.flatMap((r, i) => (inSegment(r.record) ? [i] : []));
    return {
      segment,
      trainRows: trainRows.length,
      trainDefaultRate: rate(trainRows.map((r) => r.label ?? 0)),
      devRows: devIdx.length,
      devDefaultRate: rate(devIdx.map((i) => dev[i].label ?? 0)),
      devMeanProbability: rate(devIdx.map((i) => devProbabilities[i])),
    };
  });
}

export function extrapolationNote(
  ranges: TrainingRanges,
  segments: readonly ExtremeSegmentFigures[],
): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const thin = segments
    .filter((s) => s.trainRows > 0 && s.trainRows < THIN_SEGMENT_ROWS && s.devMeanProbability !== null)
    .map(
      (s) =>
        `${s.segment}: ${s.trainRows} training rows, ${pct(s.trainDefaultRate!)} defaulted, while the model ` +
        `gives the segment's ${s.devRows} dev rows ${pct(s.devMeanProbability!)} on average`,
    );
  const empty = segments.filter((s) => s.trainRows === 0).map((s) => s.segment);
  return (
    `Trained on credit limits from ${n(ranges.creditLimit[0])} to ${n(ranges.creditLimit[1])}, bills from ` +
    `${n(ranges.billAmount[0])} to ${n(ranges.billAmount[1])}, payments up to ${n(ranges.paymentAmount[1])} and ` +
    `repayment statuses from ${ranges.repaymentStatus[0]} to ${ranges.repaymentStatus[1]}. Outside these ranges ` +
    'the model is extrapolating: binned inputs take their edge bin (a larger limit or bill scores as the largest ' +
    `seen) and months late above ${ranges.repaymentStatus[1]} score as ${ranges.repaymentStatus[1]}, so the ` +
    'probability there is that of the edge of the data, not a measured rate.' +
    (empty.length > 0 ? ` No training row at all: ${empty.join('; ')}.` : '') +
    (thin.length > 0
      ? ` Too few rows to measure, so the probability comes from the monotone delinquency terms: ${thin.join('; ')}.`
      : '')
  );
}

/** Segments with fewer training rows than this have no default rate worth calibrating to. */
const THIN_SEGMENT_ROWS = 100;
