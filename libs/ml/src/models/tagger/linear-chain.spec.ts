import { Rng } from '../../random/rng.js';
import { forwardBackward, tokenMarginals, viterbiDecode, type TransitionScores } from './linear-chain.js';

// Brute force over all label paths of a short sentence: the reference for Viterbi and the partition.
function allPaths(length: number, labels: number): number[][] {
  if (length === 0) return [[]];
  return allPaths(length - 1, labels).flatMap((p) => Array.from({ length: labels }, (_, y) => [...p, y]));
}

function pathScore(path: number[], e: Float64Array, t: TransitionScores): number {
  const n = t.labels;
  let s = t.start[path[0]] + t.end[path[path.length - 1]];
  path.forEach((y, k) => {
    s += e[k * n + y];
    if (k > 0) s += t.pair[path[k - 1] * n + y];
  });
  return s;
}

describe('sequence decoding', () => {
  const rng = new Rng(7);
  const n = 3;
  const length = 4;
  const random = (size: number): Float64Array => Float64Array.from({ length: size }, () => rng.normal());
  const t: TransitionScores = { labels: n, pair: random(n * n), start: random(n), end: random(n) };
  t.pair[0 * n + 2] = -Infinity; // a forbidden transition
  const emissions = random(length * n);
  const paths = allPaths(length, n);
  const scores = paths.map((p) => pathScore(p, emissions, t));

  it('Viterbi returns the highest-scoring path', () => {
    const best = paths[scores.indexOf(Math.max(...scores))];
    expect(Array.from(viterbiDecode(emissions, length, t))).toEqual(best);
  });

  it('forward-backward gives the log partition and marginals that sum to one', () => {
    const logZ = Math.log(scores.reduce((a, s) => a + Math.exp(s), 0));
    expect(forwardBackward(emissions, length, t).logPartition).toBeCloseTo(logZ, 10);
    const m = tokenMarginals(emissions, length, t);
    for (let k = 0; k < length; k++) {
      let total = 0;
      for (let y = 0; y < n; y++) total += m[k * n + y];
      expect(total).toBeCloseTo(1, 10);
      // Marginal of label 1 at token k, by enumeration.
      const brute = paths.reduce((a, p, i) => a + (p[k] === 1 ? Math.exp(scores[i] - logZ) : 0), 0);
      expect(m[k * n + 1]).toBeCloseTo(brute, 10);
    }
  });
});
