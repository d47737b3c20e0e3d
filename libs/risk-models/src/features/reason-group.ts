// Every model input belongs to one reason group; a group's summed contribution to the log-odds is
// what an adverse-action reason reports (see scoring/reason-codes.ts for the codes and texts).
export const REASON_GROUPS = [
  'delinquency-recent',
  'delinquency-history',
  'utilisation',
  'utilisation-trend',
  'payments',
  'balance',
  'limit',
  'activity',
] as const;

export type ReasonGroup = (typeof REASON_GROUPS)[number];
