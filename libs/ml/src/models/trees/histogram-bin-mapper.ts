// Pre-binning of dense tabular features for histogram-based boosting (LightGBM, Ke et al. 2017, §2;
// XGBoost's `hist` method): each feature is cut into at most 255 equal-frequency bins once, and
// split search then scans bin histograms instead of sorted values. NaN gets its own slot per
// feature so that every split can learn where missing values go.
//
// Thresholds are float32 numbers and values are compared after rounding to float32 (Math.fround):
// ONNX tree ensembles compare float32 inputs with float32 thresholds, so this keeps TypeScript and
// onnxruntime predictions identical, bin for bin.

/** Row-major dense rows: `values[row * featureCount + feature]`; NaN marks a missing value. */
export interface TabularMatrix {
  rowCount: number;
  featureCount: number;
  values: Float32Array | Float64Array;
}

export interface HistogramBinMapperJson {
  /** Per feature, ascending float32 upper bounds of bins 0..n-2 (the last bin is open). */
  upperBounds: number[][];
}

export const MAX_HISTOGRAM_BINS = 255;

export function tabularMatrix(rows: readonly (readonly number[])[], featureCount?: number): TabularMatrix {
  const width = featureCount ?? rows[0]?.length ?? 0;
  const values = new Float64Array(rows.length * width);
  rows.forEach((row, i) => {
    if (row.length !== width) throw new RangeError(`row ${i} has ${row.length} features, expected ${width}`);
    values.set(row, i * width);
  });
  return { rowCount: rows.length, featureCount: width, values };
}

/**
 * A float32 threshold t with a <= t < b for float32 a < b: the midpoint, unless rounding pushes it
 * onto b (adjacent floats), in which case a itself.
 */
function float32Between(a: number, b: number): number {
  const mid = Math.fround(a / 2 + b / 2);
  return mid >= b || !Number.isFinite(mid) ? a : mid;
}

export class HistogramBinMapper {
  /** Non-missing bins per feature; slot `binCounts[f]` of a feature's histogram holds NaN. */
  readonly binCounts: Int32Array;
  /** Offset of each feature's first slot in a flat histogram; `totalSlots` in all. */
  readonly slotOffsets: Int32Array;
  readonly totalSlots: number;

  private constructor(readonly upperBounds: readonly Float32Array[]) {
    this.binCounts = Int32Array.from(upperBounds, (u) => u.length + 1);
    this.slotOffsets = new Int32Array(upperBounds.length);
    let offset = 0;
    upperBounds.forEach((_, f) => {
      this.slotOffsets[f] = offset;
      offset += this.binCounts[f] + 1;
    });
    this.totalSlots = offset;
  }

  get featureCount(): number {
    return this.upperBounds.length;
  }

  /** Equal-frequency bins over the finite and infinite (not NaN) values of each feature. */
  static fit(matrix: TabularMatrix, maxBins = MAX_HISTOGRAM_BINS): HistogramBinMapper {
    if (!(Number.isInteger(maxBins) && maxBins >= 2 && maxBins <= MAX_HISTOGRAM_BINS))
      throw new RangeError(`maxBins must be an integer in [2, ${MAX_HISTOGRAM_BINS}], got ${maxBins}`);
    const { rowCount, featureCount, values } = matrix;
    const column = new Float32Array(rowCount);
    const bounds: Float32Array[] = [];
    for (let f = 0; f < featureCount; f++) {
      let n = 0;
      for (let i = 0; i < rowCount; i++) {
        const x = values[i * featureCount + f];
        if (x === x) column[n++] = x;
      }
      bounds.push(equalFrequencyBounds(column.subarray(0, n).sort(), maxBins));
    }
    return new HistogramBinMapper(bounds);
  }

  static fromJSON(json: HistogramBinMapperJson): HistogramBinMapper {
    return new HistogramBinMapper(
      json.upperBounds.map((u, f) => {
        const bounds = Float32Array.from(u);
        for (let k = 0; k < bounds.length; k++)
          if (bounds[k] !== u[k] || (k > 0 && !(bounds[k - 1] < bounds[k])))
            throw new RangeError(`feature ${f}: bounds must be ascending float32 values`);
        return bounds;
      }),
    );
  }

  toJSON(): HistogramBinMapperJson {
    return { upperBounds: this.upperBounds.map((u) => Array.from(u)) };
  }

  /** Bin of x for feature f, or `binCounts[f]` (the missing slot) for NaN. */
  binOf(f: number, x: number): number {
    const bounds = this.upperBounds[f];
    if (x !== x) return bounds.length + 1;
    const v = Math.fround(x);
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (bounds[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Column-major bins, `bins[f * rowCount + row]`; one byte each since bins + NaN slot <= 256. */
  binMatrix(matrix: TabularMatrix): Uint8Array {
    const { rowCount, featureCount, values } = matrix;
    if (featureCount !== this.featureCount)
      throw new RangeError(`matrix has ${featureCount} features, the bins ${this.featureCount}`);
    const bins = new Uint8Array(rowCount * featureCount);
    for (let f = 0; f < featureCount; f++) {
      const base = f * rowCount;
      for (let i = 0; i < rowCount; i++) bins[base + i] = this.binOf(f, values[i * featureCount + f]);
    }
    return bins;
  }

  /** Split "bin <= b goes left" as a value test: fround(x) <= threshold(f, b). */
  threshold(f: number, b: number): number {
    return this.upperBounds[f][b];
  }
}

/** Upper bounds at the k/maxBins quantiles, moved to gaps between distinct values (ties never split). */
function equalFrequencyBounds(sorted: Float32Array, maxBins: number): Float32Array {
  const n = sorted.length;
  const bounds: number[] = [];
  if (n === 0) return new Float32Array(0);
  // Few distinct values (codes, counts): one bin each, as LightGBM does.
  const distinct: number[] = [sorted[0]];
  for (let i = 1; i < n && distinct.length <= maxBins; i++)
    if (sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  if (distinct.length <= maxBins)
    return Float32Array.from(distinct.slice(1), (b, k) => float32Between(distinct[k], b));
  const max = sorted[n - 1];
  let previous = -Infinity;
  for (let k = 1; k < maxBins; k++) {
    const upper = sorted[Math.max(0, Math.ceil((k * n) / maxBins) - 1)];
    if (upper >= max || (bounds.length > 0 && upper <= previous)) continue;
    // First value above `upper`: the bin boundary sits in the gap between the two.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] <= upper) lo = mid + 1;
      else hi = mid;
    }
    bounds.push(float32Between(upper, sorted[lo]));
    previous = upper;
  }
  return Float32Array.from(bounds);
}
