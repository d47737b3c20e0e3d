// The numeric half of the int8 quantizer: turns float weight matrices into int8/uint8 codes plus
// scales (and zero points), following the linear quantization of ONNX QuantizeLinear:
// q = saturate(round_half_to_even(x / scale) + zero_point).

export type WeightType = 'int8' | 'uint8';

export interface QuantizedMatrix<Q extends Int8Array | Uint8Array = Int8Array | Uint8Array> {
  codes: Q;
  /** One scale per group (1 for per-tensor, N for per-column, blocks x N for block-wise). */
  scales: Float32Array;
  /** Present for asymmetric (uint8) quantization only; symmetric int8 has zero point 0. */
  zeroPoints?: Uint8Array;
}

/** Round half to even, as ONNX QuantizeLinear and numpy.rint do. */
export function roundHalfToEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** A scale of 0 would divide by zero; an all-zero group quantizes to codes 0 with any scale. */
function safeScale(scale: number): number {
  return scale > 0 && Number.isFinite(scale) ? scale : 1;
}

/** Row-major [rows, cols] -> [cols, rows]. */
export function transposeMatrix(w: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = w[r * cols + c];
  return out;
}

/**
 * Quantizes a [K, N] matrix for MatMulInteger: per-tensor or per-column (one group per output
 * column), int8 symmetric or uint8 asymmetric. `reduceRange` uses 7 bits, which avoids the int16
 * saturation of u8s8 dot products on AVX2 CPUs without VNNI (onnxruntime's quantize_dynamic option).
 */
export function quantizeForMatMul(
  w: Float32Array,
  k: number,
  n: number,
  options: { weightType: WeightType; perColumn: boolean; reduceRange?: boolean },
): QuantizedMatrix {
  const groups = options.perColumn ? n : 1;
  const groupOf = (col: number) => (options.perColumn ? col : 0);
  const min = new Float64Array(groups).fill(0);
  const max = new Float64Array(groups).fill(0);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < n; c++) {
      const v = w[r * n + c];
      const g = groupOf(c);
      if (v < min[g]) min[g] = v;
      if (v > max[g]) max[g] = v;
    }
  }
  const scales = new Float32Array(groups);
  if (options.weightType === 'int8') {
    const qmax = options.reduceRange ? 63 : 127;
    for (let g = 0; g < groups; g++) scales[g] = safeScale(Math.max(-min[g], max[g]) / qmax);
    const codes = new Int8Array(k * n);
    for (let i = 0; i < codes.length; i++) {
      codes[i] = clamp(roundHalfToEven(w[i] / scales[groupOf(i % n)]), -qmax, qmax);
    }
    return { codes, scales };
  }
  const qmax = options.reduceRange ? 127 : 255;
  const zeroPoints = new Uint8Array(groups);
  for (let g = 0; g < groups; g++) {
    scales[g] = safeScale((max[g] - min[g]) / qmax);
    zeroPoints[g] = clamp(roundHalfToEven(-min[g] / scales[g]), 0, qmax);
  }
  const codes = new Uint8Array(k * n);
  for (let i = 0; i < codes.length; i++) {
    const g = groupOf(i % n);
    codes[i] = clamp(roundHalfToEven(w[i] / scales[g]) + zeroPoints[g], 0, qmax);
  }
  return { codes, scales, zeroPoints };
}

/**
 * Symmetric int8 with one scale per block of `blockSize` consecutive elements along `axis` of a
 * [rows, cols] matrix: the layout of DequantizeLinear-21's block-wise quantization (scale shape is
 * the input shape with dim[axis] replaced by ceil(dim[axis] / block_size)).
 */
export function quantizeBlockwise(
  w: Float32Array,
  rows: number,
  cols: number,
  axis: 0 | 1,
  blockSize: number,
): QuantizedMatrix<Int8Array> & { scaleDims: [number, number] } {
  const scaleDims: [number, number] =
    axis === 0 ? [Math.ceil(rows / blockSize), cols] : [rows, Math.ceil(cols / blockSize)];
  const scaleIndex = (r: number, c: number) =>
    axis === 0 ? Math.floor(r / blockSize) * cols + c : r * scaleDims[1] + Math.floor(c / blockSize);
  const absMax = new Float64Array(scaleDims[0] * scaleDims[1]);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const s = scaleIndex(r, c);
      const a = Math.abs(w[r * cols + c]);
      if (a > absMax[s]) absMax[s] = a;
    }
  }
  const scales = Float32Array.from(absMax, (m) => safeScale(m / 127));
  const codes = new Int8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      codes[i] = clamp(roundHalfToEven(w[i] / scales[scaleIndex(r, c)]), -127, 127);
    }
  }
  return { codes, scales, scaleDims };
}

/** Symmetric int8 with one scale per row: embedding tables read row by row through Gather. */
export function quantizeRows(table: Float32Array, rows: number, cols: number): QuantizedMatrix<Int8Array> {
  return quantizeBlockwise(table, rows, cols, 1, cols);
}

/** Inverse of the above for any layout: x = (q - zero_point) * scale, group chosen by the caller. */
export function dequantizeWith(
  codes: Int8Array | Uint8Array,
  groupOf: (index: number) => number,
  scales: Float32Array,
  zeroPoints?: Uint8Array,
): Float32Array {
  const out = new Float32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const g = groupOf(i);
    out[i] = (codes[i] - (zeroPoints ? zeroPoints[g] : 0)) * scales[g];
  }
  return out;
}
