// SROIE task-3 scoring (Huang et al. 2019): a predicted field counts when, upper-cased and with
// whitespace removed, it equals the ground truth treated the same way; precision over predicted
// fields, recall over ground-truth fields, F1 their harmonic mean (micro over the four fields).
import { SROIE_FIELDS, type SroieField, type SroieKey } from '@suite/ml';
import { findAmounts, sroieNormalise } from '../../invoices/field-normalisation.js';

export interface FieldScore {
  precision: number;
  recall: number;
  f1: number;
  correct: number;
  predicted: number;
  expected: number;
}

export interface SroieScore extends FieldScore {
  n: number;
  perField: Record<SroieField, FieldScore>;
  /**
   * Totals right by amount, whatever currency sign is printed with them ("£22.25" read as "22.25"):
   * what the bot compares with the recorded charges. Not part of SROIE's score.
   */
  totalByAmount: { correct: number; expected: number; share: number };
}

/** The decimal value of a printed amount with any currency sign or code, or undefined. */
function amountOf(printed: string | undefined): string | undefined {
  return printed === undefined ? undefined : findAmounts(printed).at(-1)?.value;
}

function score(correct: number, predicted: number, expected: number): FieldScore {
  const precision = predicted === 0 ? 0 : correct / predicted;
  const recall = expected === 0 ? 0 : correct / expected;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const r = (x: number) => Math.round(x * 1e4) / 1e4;
  return { precision: r(precision), recall: r(recall), f1: r(f1), correct, predicted, expected };
}

export function scoreSroie(pairs: readonly { predicted: SroieKey; expected: SroieKey }[]): SroieScore {
  const counts = Object.fromEntries(SROIE_FIELDS.map((f) => [f, { c: 0, p: 0, e: 0 }])) as Record<
    SroieField,
    { c: number; p: number; e: number }
  >;
  for (const { predicted, expected } of pairs) {
    for (const f of SROIE_FIELDS) {
      const p =
        predicted[f] !== undefined && sroieNormalise(predicted[f]) !== ''
          ? sroieNormalise(predicted[f])
          : undefined;
      const e =
        expected[f] !== undefined && sroieNormalise(expected[f]) !== ''
          ? sroieNormalise(expected[f])
          : undefined;
      if (p !== undefined) counts[f].p++;
      if (e !== undefined) counts[f].e++;
      if (p !== undefined && p === e) counts[f].c++;
    }
  }
  const withTotal = pairs.filter((p) => amountOf(p.expected.total) !== undefined);
  const byAmount = withTotal.filter((p) => amountOf(p.predicted.total) === amountOf(p.expected.total)).length;
  const total = SROIE_FIELDS.reduce(
    (acc, f) => ({ c: acc.c + counts[f].c, p: acc.p + counts[f].p, e: acc.e + counts[f].e }),
    { c: 0, p: 0, e: 0 },
  );
  return {
    n: pairs.length,
    ...score(total.c, total.p, total.e),
    perField: Object.fromEntries(
      SROIE_FIELDS.map((f) => [f, score(counts[f].c, counts[f].p, counts[f].e)]),
    ) as Record<SroieField, FieldScore>,
    totalByAmount: {
      correct: byAmount,
      expected: withTotal.length,
      share: Math.round((byAmount / Math.max(1, withTotal.length)) * 1e4) / 1e4,
    },
  };
}
