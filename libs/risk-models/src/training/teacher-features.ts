// The teacher's dense inputs: the raw record, the derived account facts, and (optionally) the
// narrative's words hashed into a few signed slots. Trees need no binning or monotone coding.
import { HashingVectorizer } from '@suite/ml';
import { deriveAccountFacts } from '../applicant/account-facts.js';
import { type ApplicantRecord, HISTORY_MONTHS } from '../applicant/applicant-record.js';
import { enrichApplicant } from '../enrichment/applicant-enricher.js';
import { wordsOf } from '../features/risk-features.js';

const TEXT_BITS = 6;

export const TEACHER_NUMERIC_FEATURES: readonly string[] = [
  'limit',
  ...Array.from({ length: HISTORY_MONTHS }, (_, m) => `status_${m}`),
  ...Array.from({ length: HISTORY_MONTHS }, (_, m) => `balance_${m}`),
  ...Array.from({ length: HISTORY_MONTHS }, (_, m) => `payment_${m}`),
  ...Array.from({ length: HISTORY_MONTHS }, (_, m) => `utilisation_${m}`),
  ...Array.from({ length: HISTORY_MONTHS - 1 }, (_, m) => `coverage_${m}`),
  'utilisation_mean',
  'utilisation_max',
  'utilisation_trend',
  'coverage_mean',
  'missed_payments',
  'late_months',
  'serious_late_months',
  'worst_months_late',
];

export class TeacherFeatureEncoder {
  readonly featureNames: string[];
  private readonly vectorizer = new HashingVectorizer({
    bits: TEXT_BITS,
    word: { minN: 1, maxN: 2 },
    norm: 'none',
  });

  constructor(readonly withText: boolean) {
    this.featureNames = [
      ...TEACHER_NUMERIC_FEATURES,
      ...(withText ? Array.from({ length: 2 ** TEXT_BITS }, (_, k) => `text_${k}`) : []),
    ];
  }

  encode(record: ApplicantRecord): Float32Array {
    const f = deriveAccountFacts(record);
    const row = new Float32Array(this.featureNames.length);
    const values = [
      record.creditLimit,
      ...record.history.map((m) => m.repaymentStatus),
      ...record.history.map((m) => m.billAmount),
      ...record.history.map((m) => m.paymentAmount),
      ...f.utilisation,
      ...f.paymentCoverage.map((c) => c ?? -1),
      f.utilisationMean,
      f.utilisationMax,
      f.utilisationTrend,
      f.paymentCoverageMean ?? -1,
      f.missedPayments,
      f.lateMonths,
      f.seriousLateMonths,
      f.worstMonthsLate,
    ];
    row.set(values);
    if (this.withText) {
      const text = enrichApplicant(record, f)
        .sentences.map((s) => wordsOf(s.text))
        .join(' ');
      const hashed = this.vectorizer.vectorize(text);
      hashed.indices.forEach((index, k) => (row[values.length + index] = hashed.values[k]));
    }
    return row;
  }
}
