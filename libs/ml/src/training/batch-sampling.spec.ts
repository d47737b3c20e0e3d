import { Rng } from '../random/rng.js';
import { poissonBatch, shuffledBatches, trainingStreams } from './batch-sampling.js';

describe('batch sampling', () => {
  it('cuts a permutation into batches that cover every example once', () => {
    const sut = shuffledBatches(10, 4, new Rng(1));
    expect(sut.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(sut.flatMap((b) => Array.from(b)).sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
  });

  it('includes each example with probability q (Poisson sampling)', () => {
    // 4000 draws over 500 examples at q = 0.02: each count ~ Binomial(4000, 0.02), mean 80, sd 8.9;
    // the total ~ mean 40000, sd 198, so 800 (4 sd; a rate off by 5% moves it by 2000) bounds the
    // total and 40 (4.5 sd) each example.
    const rng = new Rng(7);
    const counts = new Array<number>(500).fill(0);
    let empty = 0;
    for (let t = 0; t < 4000; t++) {
      const batch = poissonBatch(500, 0.02, rng);
      if (batch.length === 0) empty++;
      for (let k = 1; k < batch.length; k++) expect(batch[k]).toBeGreaterThan(batch[k - 1]);
      batch.forEach((i) => counts[i]++);
    }
    const total = counts.reduce((a, b) => a + b, 0);
    expect(Math.abs(total - 40000)).toBeLessThan(800);
    expect(Math.max(...counts.map((c) => Math.abs(c - 80)))).toBeLessThan(40);
    expect(empty).toBe(0); // P(empty) = 0.98^500 ~ 4e-5 per draw
    expect(poissonBatch(3, 0.01, new Rng(1))).toHaveLength(0); // small n: empty batches happen
  });

  it('gives independent batch and noise streams from one seed', () => {
    const a = trainingStreams(5);
    const b = trainingStreams(5);
    expect(a.batches.next()).toBe(b.batches.next());
    expect(a.noise.next()).not.toBe(a.batches.next());
  });
});
