import { Rng } from '../../random/rng.js';
import { HistogramBinMapper, tabularMatrix } from './histogram-bin-mapper.js';

describe('HistogramBinMapper', () => {
  const rng = new Rng(8);
  const n = 5000;
  const values = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    values[i * 3] = rng.normal() * 1e4;
    values[i * 3 + 1] = rng.int(7) - 2; // a repayment-status-like code with 7 values
    values[i * 3 + 2] = rng.next() < 0.3 ? NaN : rng.next();
  }
  const matrix = { rowCount: n, featureCount: 3, values };
  const sut = HistogramBinMapper.fit(matrix);

  it('cuts a continuous feature into at most 255 roughly equal-frequency bins', () => {
    expect(sut.binCounts[0]).toBe(255);
    const bins = sut.binMatrix(matrix);
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < n; i++) counts[bins[i]]++;
    const filled = counts.slice(0, 255);
    expect(Math.min(...filled)).toBeGreaterThanOrEqual(Math.floor(n / 255) - 1);
    expect(Math.max(...filled)).toBeLessThanOrEqual(Math.ceil(n / 255) + 1);
  });

  it('gives each value of a low-cardinality feature its own bin', () => {
    expect(sut.binCounts[1]).toBe(7);
    expect([-2, -1, 0, 1, 2, 3, 4].map((v) => sut.binOf(1, v))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('puts NaN in the slot after the last bin', () => {
    expect(sut.binOf(2, NaN)).toBe(sut.binCounts[2]);
    expect(sut.totalSlots).toBe(sut.binCounts.reduce((a, b) => a + b + 1, 0));
  });

  it('agrees with the float32 threshold test for every bin boundary', () => {
    let mismatches = 0;
    let checks = 0;
    for (let f = 0; f < 3; f++) {
      for (let k = 0; k < 2 * n; k++) {
        // Training values (which sit next to thresholds) and perturbed ones.
        const x = values[(k % n) * 3 + f] + (k >= n ? rng.normal() : 0);
        if (Number.isNaN(x)) continue;
        const b = sut.binOf(f, x);
        for (let split = 0; split < sut.binCounts[f] - 1; split++) {
          checks++;
          if (b <= split !== Math.fround(x) <= sut.threshold(f, split)) mismatches++;
        }
      }
    }
    expect(checks).toBeGreaterThan(1e6);
    expect(mismatches).toBe(0);
  });

  it('never separates float32-equal values, even adjacent float32 numbers', () => {
    const a = Math.fround(1.5);
    const next = a + 2 ** -23; // the next float32 after 1.5
    const tiny = HistogramBinMapper.fit(tabularMatrix([[a], [next], [next], [a]]));
    expect(tiny.binCounts[0]).toBe(2);
    expect(tiny.binOf(0, a)).toBe(0);
    expect(tiny.binOf(0, next)).toBe(1);
  });

  it('round-trips through JSON', () => {
    const again = HistogramBinMapper.fromJSON(JSON.parse(JSON.stringify(sut.toJSON())));
    expect(Array.from(again.binMatrix(matrix))).toEqual(Array.from(sut.binMatrix(matrix)));
  });

  it('rejects more than 255 bins', () => {
    expect(() => HistogramBinMapper.fit(matrix, 256)).toThrow(RangeError);
  });
});
