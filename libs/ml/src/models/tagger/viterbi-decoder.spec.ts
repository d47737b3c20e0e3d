import { Rng } from '../../random/rng.js';
import { iobTransitionMask, sequenceScore, viterbiDecode } from './viterbi-decoder.js';

/** Best sequence by enumerating all tagCount^tokenCount of them. */
function bruteForce(emissions: Float64Array, T: number, K: number, transitions: Float64Array, allowed?: Uint8Array) {
  let best = -Infinity;
  let bestTags: number[] = [];
  const tags = new Array<number>(T).fill(0);
  for (let code = 0; code < K ** T; code++) {
    let rest = code;
    for (let t = T - 1; t >= 0; t--) {
      tags[t] = rest % K;
      rest = Math.floor(rest / K);
    }
    const valid = !allowed || tags.every((k, t) => allowed[(t === 0 ? K : tags[t - 1]) * K + k] === 1);
    if (!valid) continue;
    const s = sequenceScore(emissions, K, transitions, tags);
    if (s > best) {
      best = s;
      bestTags = [...tags];
    }
  }
  return { tags: bestTags, score: best };
}

describe('viterbiDecode', () => {
  it('matches brute force on random score tables', () => {
    const rng = new Rng(13);
    for (let trial = 0; trial < 200; trial++) {
      const K = 2 + rng.int(3);
      const T = 1 + rng.int(5);
      const emissions = Float64Array.from({ length: T * K }, () => rng.normal());
      const transitions = Float64Array.from({ length: (K + 1) * K }, () => rng.normal());
      const sut = viterbiDecode(emissions, T, K, transitions);
      const expected = bruteForce(emissions, T, K, transitions);
      expect(Array.from(sut.tags)).toEqual(expected.tags);
      expect(sut.score).toBeCloseTo(expected.score, 10);
    }
  });

  it('matches brute force restricted to valid IOB sequences', () => {
    const rng = new Rng(14);
    const tags = ['O', 'B-Chemical', 'I-Chemical', 'B-Disease', 'I-Disease'];
    const allowed = iobTransitionMask(tags);
    for (let trial = 0; trial < 60; trial++) {
      const T = 1 + rng.int(5);
      // Emissions that favour I- tags everywhere: the unconstrained argmax would be invalid.
      const emissions = Float64Array.from({ length: T * 5 }, (_, i) => rng.normal() + (i % 5 === 2 || i % 5 === 4 ? 2 : 0));
      const transitions = Float64Array.from({ length: 30 }, () => rng.normal());
      const sut = viterbiDecode(emissions, T, 5, transitions, allowed);
      expect(Array.from(sut.tags)).toEqual(bruteForce(emissions, T, 5, transitions, allowed).tags);
    }
  });

  it('decodes an empty sentence to nothing', () => {
    expect(viterbiDecode(new Float64Array(0), 0, 3, new Float64Array(12)).tags).toHaveLength(0);
  });
});

describe('iobTransitionMask', () => {
  const tags = ['O', 'B-Chemical', 'I-Chemical', 'B-Disease', 'I-Disease'];
  const sut = iobTransitionMask(tags);
  const allowedPair = (from: string, to: string): boolean =>
    sut[(from === '<start>' ? 5 : tags.indexOf(from)) * 5 + tags.indexOf(to)] === 1;

  it('forbids I-X at the start, after O and after another type', () => {
    expect(allowedPair('<start>', 'I-Chemical')).toBe(false);
    expect(allowedPair('O', 'I-Chemical')).toBe(false);
    expect(allowedPair('B-Disease', 'I-Chemical')).toBe(false);
    expect(allowedPair('I-Disease', 'I-Chemical')).toBe(false);
  });

  it('allows I-X after B-X or I-X, and B-/O anywhere', () => {
    expect(allowedPair('B-Chemical', 'I-Chemical')).toBe(true);
    expect(allowedPair('I-Chemical', 'I-Chemical')).toBe(true);
    for (const from of ['<start>', ...tags]) for (const to of ['O', 'B-Chemical', 'B-Disease']) expect(allowedPair(from, to)).toBe(true);
  });
});
