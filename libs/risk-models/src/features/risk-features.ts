// The student model's inputs: a scorecard layout of one-hot bins, thermometer codes for months late,
// and hashed words of the enricher's narrative. Each applicant fills the same fixed positions (so the
// ONNX graph sees a constant-width [batch, width] pair of indices and values, and a change in one field
// changes only its own positions), then the text features. Index 0 is padding (value 0, weight 0).
//
// Monotonicity in months late is by construction: months late enter only through thermometer codes
// ("at least k months late") whose weights the trainer keeps >= 0, and through the status position,
// whose "1+ months late" weight is kept >= the weights of the non-late statuses (-2, -1, 0). The
// delinquency sentence of the narrative is not hashed, so no other input moves with repayment status.
import { HashingVectorizer, QuantileBinner } from '@suite/ml';
import { deriveAccountFacts, type AccountFacts } from '../applicant/account-facts.js';
import {
  type ApplicantRecord,
  HISTORY_MONTHS,
  monthsLate,
  REPAYMENT_STATUS_MAX,
} from '../applicant/applicant-record.js';
import {
  type ApplicantNarrative,
  enrichApplicant,
  type NarrativeTopic,
} from '../enrichment/applicant-enricher.js';
import type { ReasonGroup } from './reason-group.js';

interface BinnedFeatureDefinition {
  name: string;
  group: ReasonGroup;
  bins: number;
  /** NaN means missing (its own bin). */
  value(record: ApplicantRecord, facts: AccountFacts): number;
}

const paymentFeature = (m: number): BinnedFeatureDefinition => ({
  name: `payment_${m}`,
  group: 'payments',
  bins: 8,
  value: (r) => r.history[m].paymentAmount,
});

export const BINNED_FEATURES: readonly BinnedFeatureDefinition[] = [
  { name: 'limit', group: 'limit', bins: 12, value: (r) => r.creditLimit },
  { name: 'utilisation_latest', group: 'utilisation', bins: 12, value: (_, f) => f.utilisation[0] },
  { name: 'utilisation_mean', group: 'utilisation', bins: 10, value: (_, f) => f.utilisationMean },
  { name: 'utilisation_max', group: 'utilisation', bins: 10, value: (_, f) => f.utilisationMax },
  { name: 'utilisation_trend', group: 'utilisation-trend', bins: 10, value: (_, f) => f.utilisationTrend },
  { name: 'balance_latest', group: 'balance', bins: 10, value: (r) => r.history[0].billAmount },
  { name: 'balance_mean', group: 'balance', bins: 10, value: (_, f) => f.balanceMean },
  ...Array.from({ length: HISTORY_MONTHS }, (_, m) => paymentFeature(m)),
  { name: 'coverage_latest', group: 'payments', bins: 8, value: (_, f) => f.paymentCoverage[0] ?? NaN },
  { name: 'coverage_mean', group: 'payments', bins: 8, value: (_, f) => f.paymentCoverageMean ?? NaN },
  { name: 'missed_payments', group: 'payments', bins: HISTORY_MONTHS, value: (_, f) => f.missedPayments },
  { name: 'inactive', group: 'activity', bins: 2, value: (_, f) => (f.inactive ? 1 : 0) },
];

/** Non-late statuses, each with its own weight on the status position. */
const NOT_LATE_STATUSES = [-2, -1, 0] as const;
const MAX_LATE = REPAYMENT_STATUS_MAX;
const TEXT_TOPICS: readonly NarrativeTopic[] = [
  'limit',
  'activity',
  'utilisation',
  'utilisation-trend',
  'payments',
];
const TOPIC_GROUP: Record<NarrativeTopic, ReasonGroup> = {
  limit: 'limit',
  activity: 'activity',
  utilisation: 'utilisation',
  'utilisation-trend': 'utilisation-trend',
  payments: 'payments',
  delinquency: 'delinquency-history',
};
/** Narrative words per topic stay well under this; extra ones are dropped (never happens in practice). */
const MAX_TEXT_FEATURES = 64;

export interface RiskFeatureSpec {
  binned: { name: string; cutPoints: number[] }[];
  /** Hashed narrative words (2^bits slots per topic); off for the "without enrichment" ablation. */
  text: { enabled: boolean; bits: number };
}

export interface EncodedApplicant {
  /** Fixed width; unused positions hold index 0, value 0. */
  indices: Int32Array;
  values: Float32Array;
  /** Reason group of each position (unused positions: the group of their block). */
  groups: ReasonGroup[];
  narrative: ApplicantNarrative;
  /** Derived once here, for the narrative, the features and the scorer's reasons alike. */
  facts: AccountFacts;
}

/** Weights the trainer constrains so that more months late never lowers the log-odds. */
export interface MonotoneConstraints {
  /** Per month: weights of the non-late statuses, and the "at least k months late" weights (k = 1..). */
  months: { notLate: number[]; lateAtLeast: number[] }[];
  /** Thermometer weights of late counts and the worst delay: kept >= 0. */
  nonNegative: number[];
}

export class RiskFeatureEncoder {
  readonly inputDim: number;
  readonly width: number;
  readonly fixedWidth: number;
  readonly monotone: MonotoneConstraints;
  private readonly binners: { def: BinnedFeatureDefinition; binner: QuantileBinner; offset: number }[];
  private readonly monthOffsets: number[];
  private readonly aggregateOffsets: { lateCount: number; seriousCount: number; worst: number };
  private readonly textOffset: number;
  private readonly vectorizer: HashingVectorizer;

  constructor(readonly spec: RiskFeatureSpec) {
    let next = 1; // 0 is padding
    this.binners = BINNED_FEATURES.map((def) => {
      const stored = spec.binned.find((b) => b.name === def.name);
      if (!stored) throw new Error(`feature spec has no cut points for ${def.name}`);
      const binner = QuantileBinner.fromCutPoints(stored.cutPoints);
      const offset = next;
      next += binner.binCount + 1; // + missing
      return { def, binner, offset };
    });
    const perMonth = NOT_LATE_STATUSES.length + MAX_LATE;
    this.monthOffsets = Array.from({ length: HISTORY_MONTHS }, (_, m) => next + m * perMonth);
    next += HISTORY_MONTHS * perMonth;
    this.aggregateOffsets = {
      lateCount: next,
      seriousCount: next + HISTORY_MONTHS,
      worst: next + 2 * HISTORY_MONTHS,
    };
    next += 2 * HISTORY_MONTHS + MAX_LATE;
    this.textOffset = next;
    this.vectorizer = new HashingVectorizer({
      bits: spec.text.bits,
      word: { minN: 1, maxN: 2 },
      alternateSign: false,
      norm: 'none',
    });
    this.inputDim = next + (spec.text.enabled ? TEXT_TOPICS.length * this.vectorizer.dimension : 0);
    this.fixedWidth = this.binners.length + HISTORY_MONTHS * MAX_LATE + 2 * HISTORY_MONTHS + MAX_LATE;
    this.width = this.fixedWidth + (spec.text.enabled ? MAX_TEXT_FEATURES : 0);
    const range = (from: number, count: number) => Array.from({ length: count }, (_, k) => from + k);
    this.monotone = {
      months: this.monthOffsets.map((o) => ({
        notLate: range(o, NOT_LATE_STATUSES.length),
        lateAtLeast: range(o + NOT_LATE_STATUSES.length, MAX_LATE),
      })),
      nonNegative: range(this.aggregateOffsets.lateCount, 2 * HISTORY_MONTHS + MAX_LATE),
    };
  }

  /** Cut points at the training data's quantiles. */
  static fit(records: readonly ApplicantRecord[], text: RiskFeatureSpec['text']): RiskFeatureEncoder {
    const facts = records.map(deriveAccountFacts);
    const binned = BINNED_FEATURES.map((def) => {
      const values = records.map((r, i) => def.value(r, facts[i]));
      return { name: def.name, cutPoints: [...QuantileBinner.fit(values, def.bins).cutPoints] };
    });
    return new RiskFeatureEncoder({ binned, text });
  }

  encode(record: ApplicantRecord, given?: ApplicantNarrative): EncodedApplicant {
    const facts = deriveAccountFacts(record);
    const narrative = given ?? enrichApplicant(record, facts);
    const indices = new Int32Array(this.width);
    const values = new Float32Array(this.width);
    const groups: ReasonGroup[] = new Array<ReasonGroup>(this.width);
    let p = 0;
    const put = (index: number, value: number, group: ReasonGroup) => {
      indices[p] = value === 0 ? 0 : index;
      values[p] = value;
      groups[p++] = group;
    };
    for (const { def, binner, offset } of this.binners) {
      const bin = binner.binOf(def.value(record, facts));
      put(offset + (bin < 0 ? binner.binCount : bin), 1, def.group);
    }
    record.history.forEach((month, m) => {
      const group: ReasonGroup = m === 0 ? 'delinquency-recent' : 'delinquency-history';
      const late = Math.min(monthsLate(month.repaymentStatus), MAX_LATE);
      const o = this.monthOffsets[m];
      const status = NOT_LATE_STATUSES.indexOf(month.repaymentStatus as (typeof NOT_LATE_STATUSES)[number]);
      // Position 0: the status when not late, "at least 1 month late" otherwise; then k = 2..MAX_LATE.
      // A non-late status is a usage pattern, not a delinquency, so it counts towards that reason:
      // delinquency reasons then only ever name applicants who were late.
      if (late === 0) put(o + Math.max(status, 0), 1, month.repaymentStatus === -2 ? 'activity' : 'payments');
      else put(o + NOT_LATE_STATUSES.length, 1, group);
      for (let k = 2; k <= MAX_LATE; k++) put(o + NOT_LATE_STATUSES.length + k - 1, late >= k ? 1 : 0, group);
    });
    const thermometer = (offset: number, count: number, value: number) => {
      for (let k = 1; k <= count; k++) put(offset + k - 1, value >= k ? 1 : 0, 'delinquency-history');
    };
    thermometer(this.aggregateOffsets.lateCount, HISTORY_MONTHS, facts.lateMonths);
    thermometer(this.aggregateOffsets.seriousCount, HISTORY_MONTHS, facts.seriousLateMonths);
    thermometer(this.aggregateOffsets.worst, MAX_LATE, Math.min(facts.worstMonthsLate, MAX_LATE));
    if (this.spec.text.enabled) {
      const slots = this.vectorizer.dimension;
      for (const sentence of narrative.sentences) {
        const topic = TEXT_TOPICS.indexOf(sentence.topic);
        if (topic < 0) continue;
        const hashed = this.vectorizer.vectorize(wordsOf(sentence.text));
        for (let k = 0; k < hashed.indices.length && p < this.width; k++)
          put(
            this.textOffset + topic * slots + hashed.indices[k],
            hashed.values[k],
            TOPIC_GROUP[sentence.topic],
          );
      }
      while (p < this.width) put(0, 0, 'activity');
    }
    return { indices, values, groups, narrative, facts };
  }
}

/** The narrative's words without its numbers: the numbers are already binned features. */
export function wordsOf(sentence: string): string {
  return sentence.replace(/[\d][\d,.]*\s*%?/g, ' ');
}
