// What the risk model sees of an applicant: the credit limit and six months of account history, the
// fields of the UCI "default of credit card clients" data. Demographics (sex, education, marital
// status, age) are accepted by the API for eligibility and fairness monitoring but never scored:
// ECOA/Reg B forbids sex and marital status as credit factors, and reasons like "too young" or
// "education" are not ones a lender should give.

/** Months of history, most recent first (UCI: PAY_0/BILL_AMT1/PAY_AMT1 = September 2005). */
export const HISTORY_MONTHS = 6;

/**
 * UCI repayment status: -2 no consumption, -1 paid in full, 0 revolving (minimum paid), 1..9 months
 * of delay (9 = nine or more).
 */
export const REPAYMENT_STATUS_MIN = -2;
export const REPAYMENT_STATUS_MAX = 9;

export interface MonthlyAccountState {
  repaymentStatus: number;
  /** Statement balance; negative when the account is in credit. */
  billAmount: number;
  /** Amount paid in this month (towards the previous month's statement). */
  paymentAmount: number;
}

export interface ApplicantRecord {
  creditLimit: number;
  /** HISTORY_MONTHS entries, most recent first. */
  history: MonthlyAccountState[];
}

/** Months late of a repayment status: the non-late codes -2, -1 and 0 are all 0 months late. */
export function monthsLate(repaymentStatus: number): number {
  return Math.max(0, repaymentStatus);
}
