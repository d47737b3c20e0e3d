import { fitTemperature, meanNegativeLogLikelihood, temperedSoftmax } from './temperature-scaling.js';

describe('temperature scaling', () => {
  it('computes a tempered softmax (golden values, atol 1e-9)', () => {
    const sut = temperedSoftmax([1, 2, 3], 2, new Float64Array(3));
    // softmax([0.5, 1, 1.5])
    const expected = [0.1863237232258476, 0.30719588571849843, 0.506480391055654];
    sut.forEach((p, k) => expect(p).toBeCloseTo(expected[k], 9));
  });

  it('finds the NLL-minimising temperature of over-confident logits', () => {
    // Two-class logits of +/-4, right 75 % of the time: the calibrated P(right) is 0.75, so the best
    // temperature solves sigmoid(8 / T) = 0.75, i.e. T = 8 / ln 3.
    const logits = Array.from({ length: 400 }, () => [4, -4]);
    const labels = logits.map((_, i) => (i % 4 === 0 ? 1 : 0));
    const sut = fitTemperature(logits, labels);
    expect(sut).toBeCloseTo(8 / Math.log(3), 3);
    expect(meanNegativeLogLikelihood(logits, labels, sut)).toBeLessThan(
      meanNegativeLogLikelihood(logits, labels, 1),
    );
  });

  it('rejects rows without labels', () => {
    expect(() => meanNegativeLogLikelihood([[1, 2]], [], 1)).toThrow(RangeError);
  });
});
