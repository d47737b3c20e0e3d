import { decodeCtcGreedy, parseOcrDictionary } from './ctc-decoder.js';

// Rows of class probabilities over [blank, a, b, c].
function steps(...argmaxes: number[]): Float32Array {
  const out = new Float32Array(argmaxes.length * 4).fill(0.1);
  argmaxes.forEach((k, t) => (out[t * 4 + k] = 0.7));
  return out;
}

describe('decodeCtcGreedy', () => {
  const alphabet = ['a', 'b', 'c'];

  it('collapses repeats and drops blanks', () => {
    const sut = decodeCtcGreedy(steps(1, 1, 0, 2, 2, 2, 0, 3), 8, 4, alphabet);
    expect(sut.text).toBe('abc');
  });

  it('keeps a doubled letter separated by a blank', () => {
    expect(decodeCtcGreedy(steps(1, 0, 1), 3, 4, alphabet).text).toBe('aa');
    expect(decodeCtcGreedy(steps(1, 1), 2, 4, alphabet).text).toBe('a');
  });

  it('reports the mean probability of the kept steps as confidence', () => {
    const probs = steps(1, 0, 2);
    probs[2 * 4 + 2] = 0.5;
    expect(decodeCtcGreedy(probs, 3, 4, alphabet).confidence).toBeCloseTo((0.7 + 0.5) / 2, 6);
  });

  it('returns empty text and zero confidence for all blanks', () => {
    expect(decodeCtcGreedy(steps(0, 0, 0), 3, 4, alphabet)).toEqual({ text: '', confidence: 0 });
  });

  it('appends the space PaddleOCR adds to its dictionary', () => {
    expect(parseOcrDictionary('a\nb\n')).toEqual(['a', 'b', ' ']);
    expect(parseOcrDictionary('a\r\nb')).toEqual(['a', 'b', ' ']);
  });
});
