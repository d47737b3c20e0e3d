// The deterministic split of data/credit-default/train.csv (IDs with ID mod 5 = 0 are the official
// test split, not in this repository): reproducible with awk, independent of row order.
//   dev         ID mod 5 = 3   (~25 %): held out, reported on the card; data/credit-default/dev.csv
//   calibration ID mod 10 = 4  (~12.5 %): Platt scaling, early stopping, distillation checks
//   fit         the rest       (~62.5 %): teacher and student training
export type CreditDefaultPart = 'fit' | 'calibration' | 'dev';

export const SPLIT_RULE = 'dev: ID mod 5 = 3; calibration: ID mod 10 = 4; fit: the other IDs';

export function creditDefaultPartOf(id: string): CreditDefaultPart {
  const n = Number(id);
  if (!Number.isInteger(n)) throw new Error(`ID ${id} is not an integer`);
  if (n % 5 === 3) return 'dev';
  if (n % 10 === 4) return 'calibration';
  return 'fit';
}

export function splitCreditDefault<T extends { id: string }>(
  rows: readonly T[],
): Record<CreditDefaultPart, T[]> {
  const parts: Record<CreditDefaultPart, T[]> = { fit: [], calibration: [], dev: [] };
  for (const row of rows) parts[creditDefaultPartOf(row.id)].push(row);
  return parts;
}
