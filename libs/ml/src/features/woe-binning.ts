// Monotone weight-of-evidence binning for scorecards (Siddiqi 2006, "Credit Risk Scorecards", ch. 6):
// start from quantile bins, then merge adjacent bins until WoE = ln(%good / %bad) is monotone in the
// direction of the feature's correlation with the bad outcome. Merging the first adjacent violator
// and rescanning is the pool-adjacent-violators algorithm (Ayer et al. 1955).
import { z } from 'zod';
import { binIndex, QuantileBinner } from './quantile-binning.js';

export interface WoeBin {
  /** Bin covers (lower, upper]; -Infinity / Infinity at the ends. */
  lower: number;
  upper: number;
  good: number;
  bad: number;
  woe: number;
}

export type WoeDirection = 'increasing' | 'decreasing';

export interface WoeFitOptions {
  /** Quantile bins to start from (default 10). */
  initialBins?: number;
  /** Added to every bin's good and bad counts so empty cells give finite WoE (default 0.5). */
  smoothing?: number;
  /** Required WoE trend over increasing x; by default the opposite of corr(x, bad). */
  direction?: WoeDirection;
}

export const woeBinnerParamsSchema = z.object({
  cutPoints: z.array(z.number()),
  woe: z.array(z.number()),
  missingWoe: z.number(),
  direction: z.enum(['increasing', 'decreasing']),
  informationValue: z.number(),
});

export type WoeBinnerParams = z.output<typeof woeBinnerParamsSchema>;

interface Cell {
  good: number;
  bad: number;
}

function woeOfCells(
  cells: readonly Cell[],
  missing: Cell,
  smoothing: number,
): { woe: number[]; missingWoe: number; iv: number } {
  const all = missing.good + missing.bad > 0 ? [...cells, missing] : cells;
  const totalGood = all.reduce((s, c) => s + c.good, 0) + smoothing * all.length;
  const totalBad = all.reduce((s, c) => s + c.bad, 0) + smoothing * all.length;
  let iv = 0;
  const woeOf = (c: Cell): number => {
    const pGood = (c.good + smoothing) / totalGood;
    const pBad = (c.bad + smoothing) / totalBad;
    const w = Math.log(pGood / pBad);
    iv += (pGood - pBad) * w;
    return w;
  };
  const woe = cells.map(woeOf);
  // A value never missing in training gets WoE 0: no evidence either way.
  const missingWoe = all.length > cells.length ? woeOf(missing) : 0;
  return { woe, missingWoe, iv };
}

function pearsonSign(values: ArrayLike<number>, labels: ArrayLike<number>): number {
  let n = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    n++;
    mx += values[i];
    my += labels[i];
  }
  mx /= n;
  my /= n;
  let cov = 0;
  for (let i = 0; i < values.length; i++)
    if (Number.isFinite(values[i])) cov += (values[i] - mx) * (labels[i] - my);
  return Math.sign(cov);
}

export class WoeBinner {
  private constructor(
    private readonly params: WoeBinnerParams,
    private readonly fitCells?: readonly Cell[],
  ) {}

  /**
   * labels: 1 = bad (the event, e.g. default), 0 = good. Non-finite values form a separate missing
   * bin, outside the monotone merging.
   */
  static fit(values: ArrayLike<number>, labels: ArrayLike<number>, options: WoeFitOptions = {}): WoeBinner {
    const smoothing = options.smoothing ?? 0.5;
    if (values.length !== labels.length) throw new RangeError('values and labels differ in length');
    if (!(smoothing > 0)) throw new RangeError(`smoothing must be > 0, got ${smoothing}`);
    for (let i = 0; i < labels.length; i++) {
      if (labels[i] !== 0 && labels[i] !== 1)
        throw new RangeError(`labels must be 0 or 1, got ${labels[i]} at ${i}`);
    }
    const cutPoints = [...QuantileBinner.fit(values, options.initialBins ?? 10).cutPoints];
    const cells: Cell[] = Array.from({ length: cutPoints.length + 1 }, () => ({ good: 0, bad: 0 }));
    const missing: Cell = { good: 0, bad: 0 };
    for (let i = 0; i < values.length; i++) {
      const cell = Number.isFinite(values[i]) ? cells[binIndex(cutPoints, values[i])] : missing;
      if (labels[i] === 1) cell.bad++;
      else cell.good++;
    }
    // More bad with larger x means less good evidence: WoE must then decrease.
    const direction = options.direction ?? (pearsonSign(values, labels) > 0 ? 'decreasing' : 'increasing');
    const violates = (left: number, right: number): boolean =>
      direction === 'decreasing' ? right > left : right < left;
    for (;;) {
      const { woe } = woeOfCells(cells, missing, smoothing);
      const k = woe.findIndex((w, i) => i + 1 < woe.length && violates(w, woe[i + 1]));
      if (k < 0) break;
      cells[k] = { good: cells[k].good + cells[k + 1].good, bad: cells[k].bad + cells[k + 1].bad };
      cells.splice(k + 1, 1);
      cutPoints.splice(k, 1);
    }
    const { woe, missingWoe, iv } = woeOfCells(cells, missing, smoothing);
    return new WoeBinner({ cutPoints, woe, missingWoe, direction, informationValue: iv }, cells);
  }

  get cutPoints(): readonly number[] {
    return this.params.cutPoints;
  }

  get direction(): WoeDirection {
    return this.params.direction;
  }

  /** Information value sum (%good - %bad) * WoE on the training data (Siddiqi: < 0.02 useless, > 0.3 strong). */
  get informationValue(): number {
    return this.params.informationValue;
  }

  /** Per-bin statistics; counts only for a binner fitted in this process (not stored in JSON). */
  get bins(): WoeBin[] {
    const cuts = this.params.cutPoints;
    return this.params.woe.map((woe, k) => ({
      lower: k === 0 ? -Infinity : cuts[k - 1],
      upper: k === cuts.length ? Infinity : cuts[k],
      good: this.fitCells?.[k].good ?? NaN,
      bad: this.fitCells?.[k].bad ?? NaN,
      woe,
    }));
  }

  binOf(x: number): number {
    return Number.isFinite(x) ? binIndex(this.params.cutPoints, x) : -1;
  }

  /** The WoE that replaces x as the model input. */
  woeOf(x: number): number {
    const k = this.binOf(x);
    return k < 0 ? this.params.missingWoe : this.params.woe[k];
  }

  toJSON(): WoeBinnerParams {
    return structuredClone(this.params);
  }

  static fromJSON(json: unknown): WoeBinner {
    const params = woeBinnerParamsSchema.parse(json);
    if (params.woe.length !== params.cutPoints.length + 1)
      throw new RangeError('woe must have one value per bin');
    return new WoeBinner(params);
  }
}
