import { Rng } from '../random/rng.js';
import { WoeBinner } from './woe-binning.js';

function isMonotone(values: readonly number[], direction: 'increasing' | 'decreasing'): boolean {
  return values.every(
    (w, i) => i === 0 || (direction === 'decreasing' ? w <= values[i - 1] : w >= values[i - 1]),
  );
}

describe('WoeBinner', () => {
  it('computes smoothed WoE = ln(%good / %bad) per bin', () => {
    // Two bins: x=0 has 30 good / 10 bad, x=1 has 10 good / 30 bad.
    const values = [...Array<number>(40).fill(0), ...Array<number>(40).fill(1)];
    const labels = [
      ...Array<number>(30).fill(0),
      ...Array<number>(10).fill(1),
      ...Array<number>(10).fill(0),
      ...Array<number>(30).fill(1),
    ];
    const sut = WoeBinner.fit(values, labels, { initialBins: 2 });
    const expected0 = Math.log(30.5 / 41 / (10.5 / 41));
    expect(sut.direction).toBe('decreasing');
    expect(sut.woeOf(0)).toBeCloseTo(expected0, 12);
    expect(sut.woeOf(1)).toBeCloseTo(-expected0, 12);
    expect(sut.bins.map((b) => [b.good, b.bad])).toEqual([
      [30, 10],
      [10, 30],
    ]);
    const p = [30.5 / 41, 10.5 / 41];
    expect(sut.informationValue).toBeCloseTo(2 * (p[0] - p[1]) * expected0, 12);
  });

  it('merges adjacent bins until WoE is monotone in the direction of the correlation', () => {
    const rng = new Rng(11);
    const values: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const x = rng.next() * 10;
      // Bad rate rises with x but with a bump that breaks monotonicity between quantile bins.
      const p = 0.1 + 0.05 * x + (x > 4 && x < 5 ? -0.25 : 0);
      values.push(x);
      labels.push(rng.next() < p ? 1 : 0);
    }
    const sut = WoeBinner.fit(values, labels, { initialBins: 10 });
    expect(sut.direction).toBe('decreasing');
    const woe = sut.bins.map((b) => b.woe);
    expect(woe.length).toBeLessThan(10);
    expect(woe.length).toBeGreaterThan(1);
    expect(isMonotone(woe, 'decreasing')).toBe(true);
    expect(sut.bins.reduce((n, b) => n + b.good + b.bad, 0)).toBe(4000);
  });

  it('gives missing values their own WoE, and 0 when none were seen', () => {
    const sut = WoeBinner.fit([1, 2, NaN, NaN, 3, 4], [0, 0, 1, 1, 0, 1], { initialBins: 2 });
    expect(sut.woeOf(NaN)).toBeLessThan(0);
    expect(WoeBinner.fit([1, 2, 3, 4], [0, 1, 0, 1]).woeOf(NaN)).toBe(0);
  });

  it('serves the same WoE after a JSON round trip', () => {
    const sut = WoeBinner.fit([1, 2, 3, 4, 5, 6, 7, 8], [0, 0, 0, 1, 0, 1, 1, 1], { initialBins: 4 });
    const restored = WoeBinner.fromJSON(JSON.parse(JSON.stringify(sut)));
    for (const x of [0, 2.5, 4, 9, NaN]) expect(restored.woeOf(x)).toBe(sut.woeOf(x));
  });

  it('rejects labels other than 0 and 1', () => {
    expect(() => WoeBinner.fit([1, 2], [0, 2])).toThrow(/0 or 1/);
  });
});
