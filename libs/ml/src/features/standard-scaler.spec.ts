import { StandardScaler } from './standard-scaler.js';

describe('StandardScaler', () => {
  it('standardises with population std, ignoring NaN, and scale 1 for constant columns', () => {
    const sut = StandardScaler.fit([
      [1, 5, NaN],
      [3, 5, 2],
      [5, 5, 4],
    ]);
    expect(sut.toJSON().means).toEqual([3, 5, 3]);
    expect(sut.toJSON().scales[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(sut.toJSON().scales[1]).toBe(1);
    expect([...sut.standardize([5, 5, 4])]).toEqual([2 / Math.sqrt(8 / 3), 0, 1]);
    expect([...sut.restore(sut.standardize([7, 1, 9]))].map((x) => Math.round(x * 1e9) / 1e9)).toEqual([
      7, 1, 9,
    ]);
  });

  it('keeps precision for large values', () => {
    const sut = StandardScaler.fit([[1e9 + 1], [1e9 + 2], [1e9 + 3]]);
    expect(sut.toJSON().scales[0]).toBeCloseTo(Math.sqrt(2 / 3), 9);
  });

  it('round-trips through JSON', () => {
    const sut = StandardScaler.fit([
      [1, 2],
      [3, 8],
    ]);
    const restored = StandardScaler.fromJSON(JSON.parse(JSON.stringify(sut)));
    expect(restored.standardize([2, 2])).toEqual(sut.standardize([2, 2]));
  });

  it('rejects rows of the wrong width and params with a zero scale', () => {
    const sut = StandardScaler.fit([[1, 2]]);
    expect(() => sut.standardize([1])).toThrow(RangeError);
    expect(() => StandardScaler.fromJSON({ means: [0], scales: [0] })).toThrow();
  });
});
