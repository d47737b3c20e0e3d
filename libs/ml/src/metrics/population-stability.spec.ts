import { populationStabilityIndex, psiBand } from './population-stability.js';

describe('population stability index', () => {
  it('is 0 for identical samples', () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    const sut = populationStabilityIndex(values, values);
    expect(sut.psi).toBe(0);
    expect(sut.bins).toHaveLength(10);
    expect(sut.band).toBe('stable');
  });

  it('matches a hand computation on bins from the expected quantiles', () => {
    const sut = populationStabilityIndex([1, 2, 3, 4], [1, 3, 4, 4], { bins: 2 });
    expect(sut.bins.map((b) => [b.expectedShare, b.actualShare])).toEqual([
      [0.5, 0.25],
      [0.5, 0.75],
    ]);
    expect(sut.psi).toBeCloseTo(0.25 * Math.log(2) + 0.25 * Math.log(1.5), 15);
    expect(sut.band).toBe('significant-shift');
  });

  it('uses epsilon for an empty bin so PSI stays finite', () => {
    const sut = populationStabilityIndex([1, 2, 3, 4], [3, 4], { bins: 2 });
    expect(sut.psi).toBeCloseTo((1e-4 - 0.5) * Math.log(1e-4 / 0.5) + 0.5 * Math.log(2), 12);
  });

  it('bands at 0.10 and 0.25', () => {
    expect([0.099, 0.1, 0.249, 0.25].map(psiBand)).toEqual([
      'stable',
      'moderate-shift',
      'moderate-shift',
      'significant-shift',
    ]);
  });
});
