import { QuantileBinner, quantileOfSorted } from './quantile-binning.js';

describe('QuantileBinner', () => {
  it('uses numpy-style linear quantiles', () => {
    expect(quantileOfSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileOfSorted([1, 2, 3, 4], 1 / 3)).toBeCloseTo(2, 12);
  });

  it('cuts at quantiles and assigns (lower, upper] bins', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const sut = QuantileBinner.fit(values, 4);
    expect(sut.cutPoints).toEqual([25.75, 50.5, 75.25]);
    expect([1, 25, 26, 50.5, 51, 100, 1000].map((x) => sut.binOf(x))).toEqual([0, 0, 1, 1, 2, 3, 3]);
    expect(sut.binOf(NaN)).toBe(-1);
  });

  it('drops duplicate cut points under heavy ties', () => {
    const values = [...Array<number>(91).fill(0), 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const sut = QuantileBinner.fit(values, 10);
    expect(sut.cutPoints).toEqual([0]);
    expect(sut.binCount).toBe(2);
  });

  it('round-trips through JSON and rejects unsorted cut points', () => {
    const sut = QuantileBinner.fit([3, 1, 2, 5, 4], 2);
    expect(QuantileBinner.fromJSON(JSON.parse(JSON.stringify(sut))).cutPoints).toEqual(sut.cutPoints);
    expect(() => QuantileBinner.fromJSON({ cutPoints: [2, 1] })).toThrow(/ascending/);
  });
});
