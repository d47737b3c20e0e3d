import { Rng } from '../random/rng.js';
import { fitPlattScaling } from './platt-calibration.js';

describe('fitPlattScaling', () => {
  it('recovers the slope and intercept that generated the labels (atol 0.1)', () => {
    const rng = new Rng(7);
    const logits: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const z = rng.normal() * 2;
      logits.push(z);
      labels.push(rng.next() < 1 / (1 + Math.exp(-(0.5 * z - 1))) ? 1 : 0);
    }
    const sut = fitPlattScaling(logits, labels);
    expect(sut.a).toBeCloseTo(0.5, 1);
    expect(sut.b).toBeCloseTo(-1, 1);
  });

  it('refuses a model that ranks backwards', () => {
    expect(() => fitPlattScaling([-2, -1, 1, 2], [1, 1, 0, 0])).toThrow(/non-positive slope/);
  });
});
