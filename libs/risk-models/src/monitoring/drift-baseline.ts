// Population stability (PSI, the credit-scoring industry's drift measure, e.g. Siddiqi 2017 ch. 13):
// the training data's distribution of the score and of each input is stored on the model card as
// decile cut points and shares; live traffic is binned with the same cuts. Bands as usual:
// < 0.10 stable, 0.10-0.25 moderate shift, >= 0.25 significant shift.
import { binIndex, psiBand, QuantileBinner, type PsiBand } from '@suite/ml';
import { z } from 'zod';
import { deriveAccountFacts, type AccountFacts } from '../applicant/account-facts.js';
import type { ApplicantRecord } from '../applicant/applicant-record.js';
import { BINNED_FEATURES } from '../features/risk-features.js';

export const distributionBaselineSchema = z.object({
  cutPoints: z.array(z.number()),
  shares: z.array(z.number()),
});
export type DistributionBaseline = z.infer<typeof distributionBaselineSchema>;

export const driftBaselineSchema = z.object({
  score: distributionBaselineSchema,
  inputs: z.record(z.string(), distributionBaselineSchema),
});
export type DriftBaseline = z.infer<typeof driftBaselineSchema>;

/** Share floor for empty bins, so that log(a / e) stays finite. */
const EMPTY_SHARE = 1e-4;

interface MonitoredInput {
  name: string;
  value(record: ApplicantRecord, facts: AccountFacts): number;
}

/** The binned model features plus the repayment status codes they do not bin. */
export const MONITORED_INPUTS: readonly MonitoredInput[] = [
  ...BINNED_FEATURES.filter((f) => f.name !== 'inactive').map((f) => ({ name: f.name, value: f.value })),
  { name: 'repayment_status_latest', value: (r) => r.history[0].repaymentStatus },
  { name: 'months_late_worst', value: (_, f) => f.worstMonthsLate },
];

export function fitDistributionBaseline(values: ArrayLike<number>, bins = 10): DistributionBaseline {
  const binner = QuantileBinner.fit(values, bins);
  return { cutPoints: [...binner.cutPoints], shares: sharesOf(binner.cutPoints, values) };
}

export function fitDriftBaseline(
  records: readonly ApplicantRecord[],
  probabilities: ArrayLike<number>,
): DriftBaseline {
  const facts = records.map(deriveAccountFacts);
  const inputs: Record<string, DistributionBaseline> = {};
  for (const input of MONITORED_INPUTS)
    inputs[input.name] = fitDistributionBaseline(records.map((r, i) => input.value(r, facts[i])));
  return { score: fitDistributionBaseline(probabilities), inputs };
}

export function monitoredInputValues(records: readonly ApplicantRecord[]): Record<string, number[]> {
  const facts = records.map(deriveAccountFacts);
  return Object.fromEntries(
    MONITORED_INPUTS.map((m) => [m.name, records.map((r, i) => m.value(r, facts[i]))]),
  );
}

export interface PsiFigure {
  psi: number;
  band: PsiBand;
}

export function psiAgainstBaseline(baseline: DistributionBaseline, actual: ArrayLike<number>): PsiFigure {
  const shares = sharesOf(baseline.cutPoints, actual);
  let psi = 0;
  shares.forEach((a, k) => {
    const e = Math.max(baseline.shares[k], EMPTY_SHARE);
    const aa = Math.max(a, EMPTY_SHARE);
    psi += (aa - e) * Math.log(aa / e);
  });
  return { psi, band: psiBand(psi) };
}

function sharesOf(cutPoints: readonly number[], values: ArrayLike<number>): number[] {
  const counts = new Array<number>(cutPoints.length + 1).fill(0);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    counts[binIndex(cutPoints, values[i])]++;
    n++;
  }
  return counts.map((c) => (n === 0 ? 0 : c / n));
}
