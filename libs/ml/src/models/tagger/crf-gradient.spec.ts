import { Rng } from '../../random/rng.js';
import type { TransitionScores } from './linear-chain.js';
import { crfSentenceGradient } from './crf-gradient.js';

describe('crfSentenceGradient', () => {
  it('matches finite differences of the log-likelihood (atol 1e-5)', () => {
    const rng = new Rng(3);
    const n = 3;
    const length = 5;
    const random = (size: number): Float64Array => Float64Array.from({ length: size }, () => rng.normal());
    const t: TransitionScores = { labels: n, pair: random(n * n), start: random(n), end: random(n) };
    const emissions = random(length * n);
    const gold = Int32Array.from([0, 1, 1, 2, 0]);
    const sut = crfSentenceGradient(emissions, length, gold, t);
    const h = 1e-6;
    const loglik = (e: Float64Array, tr: TransitionScores): number =>
      -crfSentenceGradient(e, length, gold, tr).loss;
    for (let i = 0; i < emissions.length; i++) {
      const plus = Float64Array.from(emissions);
      const minus = Float64Array.from(emissions);
      plus[i] += h;
      minus[i] -= h;
      expect(sut.emission[i]).toBeCloseTo((loglik(plus, t) - loglik(minus, t)) / (2 * h), 5);
    }
    for (let i = 0; i < n * n; i++) {
      const plus = { ...t, pair: Float64Array.from(t.pair) };
      const minus = { ...t, pair: Float64Array.from(t.pair) };
      plus.pair[i] += h;
      minus.pair[i] -= h;
      expect(sut.pair[i]).toBeCloseTo((loglik(emissions, plus) - loglik(emissions, minus)) / (2 * h), 5);
    }
  });
});
