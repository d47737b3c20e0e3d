// Sparse feature vectors stay sparse end to end: hashed n-grams produce a few hundred non-zeros out of
// 2^18 dimensions, and every model consumes indices + values directly.
export interface SparseVector {
  /** Feature indices, ascending, unique. */
  indices: Int32Array;
  values: Float32Array;
}

export function sparseDot(x: SparseVector, weights: Float32Array | Float64Array, offset = 0): number {
  let s = 0;
  for (let k = 0; k < x.indices.length; k++) s += x.values[k] * weights[offset + x.indices[k]];
  return s;
}
