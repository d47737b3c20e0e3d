// Structured-to-text enrichment: a short, deterministic description of what matters in an applicant's
// account, returned to the caller as the narrative and hashed into text features for the model. Every
// sentence comes from fixed thresholds on the account facts (documented in README "Risk scoring"), so
// the same record always gives the same text, and nothing in it is free-form.
import { type AccountFacts, deriveAccountFacts } from '../applicant/account-facts.js';
import { type ApplicantRecord, HISTORY_MONTHS } from '../applicant/applicant-record.js';

/** What a sentence is about; also how its text features are grouped into reason codes. */
export type NarrativeTopic =
  'limit' | 'activity' | 'utilisation' | 'utilisation-trend' | 'delinquency' | 'payments';

export interface NarrativeSentence {
  topic: NarrativeTopic;
  text: string;
}

export interface ApplicantNarrative {
  text: string;
  sentences: NarrativeSentence[];
}

// Thresholds, in the units of the facts (currency of the data set: NT dollars; shares in [0, 1]).
// Limit levels at about the training data's quartiles (50k / 140k / 240k): "low" is the bottom third.
export const LIMIT_LEVELS: readonly [number, string][] = [
  [100_000, 'low'],
  [200_000, 'moderate'],
  [360_000, 'high'],
  [Infinity, 'very high'],
];
export const UTILISATION_HIGH = 0.7;
// "At the limit" for every utilisation the narrative prints as 100 %: a balance equal to the limit
// is not over it; "over the limit" starts where the printed figure exceeds 100 %.
export const UTILISATION_LEVELS: readonly [number, string][] = [
  [0.3, 'low'],
  [UTILISATION_HIGH, 'moderate'],
  [0.995, 'high'],
  [1.005, 'at the limit'],
  [Infinity, 'over the limit'],
];
export const TREND_STEADY = 0.1;
export const TREND_SHARP = 0.3;
export const COVERAGE_LEVELS: readonly [number, string][] = [
  [1e-9, 'nothing'],
  [0.1, 'little of the balance'],
  [0.5, 'part of the balance'],
  [0.95, 'most of the balance'],
  [Infinity, 'the balance in full'],
];

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

// `facts` passed in by callers that have them: derived once per applicant (issue 19).
export function enrichApplicant(
  record: ApplicantRecord,
  facts: AccountFacts = deriveAccountFacts(record),
): ApplicantNarrative {
  const sentences: NarrativeSentence[] = [
    {
      topic: 'limit',
      text: `Credit limit ${amount(record.creditLimit)} (${levelOf(LIMIT_LEVELS, record.creditLimit)}).`,
    },
    ...describeUsage(facts),
    { topic: 'delinquency', text: describeDelinquency(facts) },
    ...describePayments(facts),
  ];
  return { text: sentences.map((s) => s.text).join(' '), sentences };
}

function describeUsage(facts: AccountFacts): NarrativeSentence[] {
  if (facts.inactive)
    return [{ topic: 'activity', text: 'The account was not used in the last six months.' }];
  const latest = facts.utilisation[0];
  const oldest = facts.utilisation[HISTORY_MONTHS - 1];
  const level = latest === 0 ? 'nil' : levelOf(UTILISATION_LEVELS, latest);
  const out: NarrativeSentence[] = [
    {
      topic: 'utilisation',
      text:
        level === 'at the limit'
          ? `Utilisation is at the limit (${percent(latest)}).`
          : `Utilisation is ${level} at ${percent(latest)} of the limit.`,
    },
  ];
  const delta = facts.utilisationTrend;
  const trend =
    Math.abs(delta) < TREND_STEADY
      ? `Utilisation was steady over six months, around ${percent(facts.utilisationMean)}.`
      : `Utilisation ${delta > 0 ? 'rose' : 'fell'}${Math.abs(delta) >= TREND_SHARP ? ' sharply' : ''} from ${percent(oldest)} to ${percent(latest)} over six months.`;
  out.push({ topic: 'utilisation-trend', text: trend });
  return out;
}

function describeDelinquency(facts: AccountFacts): string {
  if (facts.lateMonths === 0) return 'No payment was late in the last six months.';
  const count =
    facts.lateMonths === 1
      ? 'One payment was'
      : `${capitalise(NUMBER_WORDS[facts.lateMonths])} payments were`;
  const serious =
    facts.seriousLateMonths === 0
      ? 'none by two months or more'
      : facts.seriousLateMonths === facts.lateMonths
        ? `${facts.lateMonths === 1 ? 'it' : 'all'} by two months or more`
        : `${NUMBER_WORDS[facts.seriousLateMonths]} by two months or more`;
  const latest =
    facts.latestMonthsLate === 0
      ? 'the latest payment was on time'
      : `the latest payment is ${monthsText(facts.latestMonthsLate)} late`;
  return `${count} late in the last six months, ${serious}; the worst was ${monthsText(facts.worstMonthsLate)} late and ${latest}.`;
}

function describePayments(facts: AccountFacts): NarrativeSentence[] {
  if (facts.paymentCoverageMean === null) return [];
  const dueMonths = facts.paymentCoverage.filter((c) => c !== null).length;
  const mean = facts.paymentCoverageMean;
  const out: NarrativeSentence[] = [
    {
      topic: 'payments',
      text: `Payments covered ${levelOf(COVERAGE_LEVELS, mean)}: ${percent(mean)} of the previous bill on average.`,
    },
  ];
  if (facts.missedPayments > 0)
    out.push({
      topic: 'payments',
      text: `Nothing was paid in ${NUMBER_WORDS[facts.missedPayments]} of ${NUMBER_WORDS[dueMonths]} months with a balance due.`,
    });
  return out;
}

function levelOf(levels: readonly [number, string][], value: number): string {
  return levels.find(([upper]) => value < upper)?.[1] ?? levels[levels.length - 1][1];
}

function amount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

function monthsText(months: number): string {
  return months === 1 ? 'one month' : `${NUMBER_WORDS[Math.min(months, 9)]} months`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
