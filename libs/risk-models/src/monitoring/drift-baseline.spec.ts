import { populationStabilityIndex, Rng } from '@suite/ml';
import { fitDistributionBaseline, psiAgainstBaseline } from './drift-baseline.js';

const sample = (seed: number, shift: number, n = 5_000) => {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => rng.normal() + shift);
};

describe('PSI against a stored baseline', () => {
  const expected = sample(1, 0);
  const sut = fitDistributionBaseline(expected);

  it('stores decile cut points with their shares', () => {
    expect(sut.cutPoints).toHaveLength(9);
    for (const share of sut.shares) expect(share).toBeCloseTo(0.1, 2);
  });

  it('is stable for the same distribution and flags a shifted one', () => {
    expect(psiAgainstBaseline(sut, sample(2, 0))).toMatchObject({ band: 'stable' });
    expect(psiAgainstBaseline(sut, sample(3, 0.4)).band).toBe('moderate-shift');
    expect(psiAgainstBaseline(sut, sample(4, 1)).band).toBe('significant-shift');
  });

  it('agrees with libs/ml PSI on the raw values (atol 1e-9)', () => {
    const actual = sample(5, 0.3);
    expect(psiAgainstBaseline(sut, actual).psi).toBeCloseTo(
      populationStabilityIndex(expected, actual).psi,
      9,
    );
  });
});
