// Quantities derived from an applicant's six months of history, shared by the enricher (which puts
// them into words) and the model features (which bin them), so both read the account the same way.
import { type ApplicantRecord, HISTORY_MONTHS, monthsLate } from './applicant-record.js';

export interface AccountFacts {
  creditLimit: number;
  /** Balance / limit per month, most recent first; a balance in credit counts as 0. */
  utilisation: number[];
  utilisationMean: number;
  utilisationMax: number;
  /** Latest minus oldest utilisation. */
  utilisationTrend: number;
  /**
   * Share of the previous statement paid in each month (month m pays month m+1's bill), most recent
   * first, HISTORY_MONTHS - 1 entries; null where no balance was due.
   */
  paymentCoverage: (number | null)[];
  /** Mean of the non-null coverages (capped at 1 each); null when no balance was ever due. */
  paymentCoverageMean: number | null;
  /** Months with a balance due and nothing paid. */
  missedPayments: number;
  lateMonths: number;
  /** Months two or more months late. */
  seriousLateMonths: number;
  worstMonthsLate: number;
  latestMonthsLate: number;
  /** No balance and no payment in any month. */
  inactive: boolean;
  balanceMean: number;
}

export function deriveAccountFacts(record: ApplicantRecord): AccountFacts {
  const { creditLimit, history } = record;
  const utilisation = history.map((m) => Math.max(0, m.billAmount) / creditLimit);
  const paymentCoverage: (number | null)[] = [];
  for (let m = 0; m < HISTORY_MONTHS - 1; m++) {
    const due = history[m + 1].billAmount;
    paymentCoverage.push(due > 0 ? history[m].paymentAmount / due : null);
  }
  const covered = paymentCoverage.filter((c): c is number => c !== null);
  const late = history.map((m) => monthsLate(m.repaymentStatus));
  return {
    creditLimit,
    utilisation,
    utilisationMean: mean(utilisation),
    utilisationMax: Math.max(...utilisation),
    utilisationTrend: utilisation[0] - utilisation[HISTORY_MONTHS - 1],
    paymentCoverage,
    paymentCoverageMean: covered.length > 0 ? mean(covered.map((c) => Math.min(c, 1))) : null,
    missedPayments: paymentCoverage.filter((c, m) => c !== null && history[m].paymentAmount <= 0).length,
    lateMonths: late.filter((l) => l >= 1).length,
    seriousLateMonths: late.filter((l) => l >= 2).length,
    worstMonthsLate: Math.max(...late),
    latestMonthsLate: late[0],
    inactive: history.every((m) => m.billAmount === 0 && m.paymentAmount === 0),
    balanceMean: mean(history.map((m) => m.billAmount)),
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}
