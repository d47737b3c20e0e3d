// What every model here consumes: a hashed SparseVector or a dense row. Both feed the input layer,
// whose weights are stored row by feature, so the first layer is a sum of the active rows.
import type { SparseVector } from '../../features/sparse-vector.js';

export type DenseRow = Float32Array | Float64Array | readonly number[];
export type ModelInput = SparseVector | DenseRow;

export function isSparseInput(x: ModelInput): x is SparseVector {
  return (x as SparseVector).indices instanceof Int32Array;
}

export function assertInputFits(x: ModelInput, inputDim: number): void {
  if (isSparseInput(x)) {
    const n = x.indices.length;
    if (x.values.length !== n) throw new RangeError('sparse input has indices and values of different lengths');
    if (n > 0 && (x.indices[0] < 0 || x.indices[n - 1] >= inputDim))
      throw new RangeError(`sparse input index out of range [0, ${inputDim})`);
    // Ascending and unique (SparseVector's contract): the last index then bounds them all, and the
    // factored per-example gradient norm that DP clipping relies on is exact.
    for (let k = 1; k < n; k++)
      if (x.indices[k] <= x.indices[k - 1]) throw new RangeError('sparse input indices must be ascending and unique');
  } else if (x.length !== inputDim) {
    throw new RangeError(`dense input has ${x.length} features, the model expects ${inputDim}`);
  }
}

/** out[o] += sum_j x_j * W[j, o] for a row-major [inputDim, width] table. */
export function addInputTimesTable(
  x: ModelInput,
  table: ArrayLike<number>,
  width: number,
  out: Float64Array,
): void {
  if (isSparseInput(x)) {
    const { indices, values } = x;
    for (let k = 0; k < indices.length; k++) {
      const v = values[k];
      const base = indices[k] * width;
      for (let o = 0; o < width; o++) out[o] += v * table[base + o];
    }
  } else {
    for (let j = 0; j < x.length; j++) {
      const v = x[j];
      if (v === 0) continue;
      const base = j * width;
      for (let o = 0; o < width; o++) out[o] += v * table[base + o];
    }
  }
}

export function inputNormSquared(x: ModelInput): number {
  const values = isSparseInput(x) ? x.values : x;
  let s = 0;
  for (let k = 0; k < values.length; k++) s += values[k] * values[k];
  return s;
}
