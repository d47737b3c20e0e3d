// Per-column standardisation z = (x - mean) / std, fitted on training rows and stored as JSON so a
// service applies exactly the same transform at serving time. Population std (ddof 0) and NaN-aware
// fitting, as scikit-learn's StandardScaler.
import { z } from 'zod';

export const standardScalerParamsSchema = z
  .object({ means: z.array(z.number()), scales: z.array(z.number().positive()) })
  .refine((p) => p.means.length === p.scales.length, { message: 'means and scales differ in length' });

export type StandardScalerParams = z.output<typeof standardScalerParamsSchema>;

export class StandardScaler {
  private constructor(private readonly params: StandardScalerParams) {}

  get width(): number {
    return this.params.means.length;
  }

  /** Fits on row-major data; NaN cells are ignored; a constant column gets scale 1 (as sklearn). */
  static fit(rows: readonly ArrayLike<number>[]): StandardScaler {
    if (rows.length === 0) throw new RangeError('cannot fit a scaler on zero rows');
    const width = rows[0].length;
    const means = new Array<number>(width).fill(0);
    const m2 = new Array<number>(width).fill(0);
    const counts = new Array<number>(width).fill(0);
    for (const row of rows) {
      if (row.length !== width) throw new RangeError(`row has ${row.length} columns, expected ${width}`);
      for (let j = 0; j < width; j++) {
        const x = row[j];
        if (Number.isNaN(x)) continue;
        // Welford's update keeps the variance accurate for large means (amounts in NT dollars).
        counts[j]++;
        const d = x - means[j];
        means[j] += d / counts[j];
        m2[j] += d * (x - means[j]);
      }
    }
    const scales = m2.map((s, j) => {
      const std = counts[j] > 0 ? Math.sqrt(s / counts[j]) : 0;
      return std > 0 && Number.isFinite(std) ? std : 1;
    });
    return new StandardScaler({ means: means.map((m, j) => (counts[j] > 0 ? m : 0)), scales });
  }

  standardize(row: ArrayLike<number>): Float64Array {
    if (row.length !== this.width)
      throw new RangeError(`row has ${row.length} columns, expected ${this.width}`);
    const out = new Float64Array(this.width);
    for (let j = 0; j < this.width; j++) out[j] = (row[j] - this.params.means[j]) / this.params.scales[j];
    return out;
  }

  restore(z: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.width);
    for (let j = 0; j < this.width; j++) out[j] = z[j] * this.params.scales[j] + this.params.means[j];
    return out;
  }

  toJSON(): StandardScalerParams {
    return { means: [...this.params.means], scales: [...this.params.scales] };
  }

  static fromJSON(json: unknown): StandardScaler {
    return new StandardScaler(standardScalerParamsSchema.parse(json));
  }
}
