// Quantile (equal-frequency) binning of a numeric feature: cut points at the k/n quantiles of the
// training values, duplicates removed, so heavy ties (e.g. repayment status codes) give fewer bins.
import { z } from 'zod';

/** Linear-interpolation quantile of sorted values (Hyndman & Fan 1996 type 7, numpy's default). */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of an empty sample');
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Finite values, ascending. */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out.push(values[i]);
  return Float64Array.from(out).sort();
}

/** Index of the bin holding x for ascending cut points: bin k is (cut[k-1], cut[k]]. */
export function binIndex(cutPoints: readonly number[], x: number): number {
  let lo = 0;
  let hi = cutPoints.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cutPoints[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const quantileBinnerParamsSchema = z.object({
  cutPoints: z.array(z.number()).refine((c) => c.every((v, i) => i === 0 || c[i - 1] < v), {
    message: 'cut points must be strictly ascending',
  }),
});

export type QuantileBinnerParams = z.output<typeof quantileBinnerParamsSchema>;

export class QuantileBinner {
  private constructor(readonly cutPoints: readonly number[]) {}

  /** Number of bins (not counting the missing-value bin). */
  get binCount(): number {
    return this.cutPoints.length + 1;
  }

  /** Cut points at the 1/n, ..., (n-1)/n quantiles of the finite values. */
  static fit(values: ArrayLike<number>, bins: number): QuantileBinner {
    if (!Number.isInteger(bins) || bins < 1)
      throw new RangeError(`bins must be a positive integer, got ${bins}`);
    const sorted = sortedFinite(values);
    if (sorted.length === 0) throw new RangeError('no finite values to bin');
    const cuts: number[] = [];
    for (let k = 1; k < bins; k++) {
      const q = quantileOfSorted(sorted, k / bins);
      // A cut at the maximum would leave an empty last bin.
      if (q < sorted[sorted.length - 1] && (cuts.length === 0 || q > cuts[cuts.length - 1])) cuts.push(q);
    }
    return new QuantileBinner(cuts);
  }

  static fromCutPoints(cutPoints: readonly number[]): QuantileBinner {
    return QuantileBinner.fromJSON({ cutPoints: [...cutPoints] });
  }

  /** Bin of x in [0, binCount); -1 for NaN (missing). Infinities fall in the end bins. */
  binOf(x: number): number {
    if (Number.isNaN(x)) return -1;
    return binIndex(this.cutPoints, x);
  }

  toJSON(): QuantileBinnerParams {
    return { cutPoints: [...this.cutPoints] };
  }

  static fromJSON(json: unknown): QuantileBinner {
    return new QuantileBinner(quantileBinnerParamsSchema.parse(json).cutPoints);
  }
}
