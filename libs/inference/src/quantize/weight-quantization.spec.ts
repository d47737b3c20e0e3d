import fc from 'fast-check';
import {
  dequantizeWith,
  quantizeBlockwise,
  quantizeForMatMul,
  quantizeRows,
  roundHalfToEven,
  transposeMatrix,
} from './weight-quantization.js';

const matrix = (rows: number, cols: number) =>
  fc.float32Array({
    minLength: rows * cols,
    maxLength: rows * cols,
    noNaN: true,
    noDefaultInfinity: true,
    min: -50,
    max: 50,
  });

describe('weight quantization', () => {
  it('rounds halves to even like QuantizeLinear', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, -2.6].map(roundHalfToEven)).toEqual([
      0, 2, 2, -0, -2, -2, 2, -3,
    ]);
  });

  it('reconstructs per-column int8 weights within half a step of their column scale', () => {
    fc.assert(
      fc.property(matrix(6, 4), (w) => {
        const q = quantizeForMatMul(w, 6, 4, { weightType: 'int8', perColumn: true });
        expect(q.zeroPoints).toBeUndefined();
        const back = dequantizeWith(q.codes, (i) => i % 4, q.scales);
        for (let i = 0; i < w.length; i++) {
          expect(Math.abs(back[i] - w[i])).toBeLessThanOrEqual(q.scales[i % 4] / 2 + 1e-6);
          expect(Math.abs(q.codes[i])).toBeLessThanOrEqual(127);
        }
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  it('reconstructs uint8 asymmetric per-tensor weights and keeps real zero exact', () => {
    fc.assert(
      fc.property(matrix(5, 3), (given) => {
        const w = Float32Array.from(given);
        w[0] = 0;
        const q = quantizeForMatMul(w, 5, 3, { weightType: 'uint8', perColumn: false });
        expect(q.scales).toHaveLength(1);
        const back = dequantizeWith(q.codes, () => 0, q.scales, q.zeroPoints);
        for (let i = 0; i < w.length; i++) {
          expect(Math.abs(back[i] - w[i])).toBeLessThanOrEqual(
            q.scales[0] / 2 + 1e-5 * Math.abs(w[i]) + 1e-6,
          );
        }
        // Real zero is exactly representable (the ONNX quantization requirement): it maps to the zero point.
        if (w.includes(0)) expect(q.codes[w.indexOf(0)]).toBe(q.zeroPoints![0]);
      }),
      { seed: 11, numRuns: 100 },
    );
  });

  it('uses 7-bit codes with reduceRange', () => {
    const w = Float32Array.from([-3, 1, 2, 3]);
    const q = quantizeForMatMul(w, 2, 2, { weightType: 'int8', perColumn: false, reduceRange: true });
    expect(Math.max(...Array.from(q.codes, Math.abs))).toBe(63);
  });

  it('gives each block of K its own scale, with a ragged last block', () => {
    const k = 300;
    const n = 2;
    const w = Float32Array.from(
      { length: k * n },
      (_, i) => (Math.floor(i / n) < 128 ? 1 : Math.floor(i / n) < 256 ? 10 : 100) * (i % 2 ? -1 : 1),
    );
    const q = quantizeBlockwise(w, k, n, 0, 128);
    expect(q.scaleDims).toEqual([3, 2]);
    expect(Array.from(q.scales)).toEqual([1, 1, 10, 10, 100, 100].map((m) => Math.fround(m / 127)));
    expect(Array.from(q.codes.slice(0, 2))).toEqual([127, -127]);
  });

  it('blocks along axis 1 match blocks along axis 0 of the transpose', () => {
    fc.assert(
      fc.property(matrix(40, 3), (w) => {
        const byRows = quantizeBlockwise(w, 40, 3, 0, 16);
        const byCols = quantizeBlockwise(transposeMatrix(w, 40, 3), 3, 40, 1, 16);
        expect(Array.from(transposeMatrix(Float32Array.from(byCols.codes), 3, 40))).toEqual(
          Array.from(byRows.codes),
        );
        expect(Array.from(transposeMatrix(byCols.scales, 3, 3))).toEqual(Array.from(byRows.scales));
      }),
      { seed: 3, numRuns: 50 },
    );
  });

  it('quantizes an embedding table with one scale per row', () => {
    const table = Float32Array.from([0.5, -0.25, 0, 0, 8, 4]);
    const q = quantizeRows(table, 3, 2);
    expect(Array.from(q.scales)).toEqual([0.5 / 127, 1, 8 / 127].map(Math.fround));
    expect(Array.from(q.codes)).toEqual([127, -64, 0, 0, 127, 64]);
  });
});
