import { locateTokens, resplitAtBoundaries } from './token-alignment.js';
import { MedicalTokenizer } from './medical-tokenizer.js';

describe('token alignment', () => {
  it('locates bare strings in order and drops those that are not slices', () => {
    const sut = locateTokens('a b a', ['a', 'x', 'a']);
    expect(sut).toEqual([
      { text: 'a', start: 0, end: 1 },
      { text: 'a', start: 4, end: 5 },
    ]);
  });

  it('re-splits tokens at boundaries inside them, as a corpus token boundary requires', () => {
    const text = '5-FU-treated rats';
    const tokens = new MedicalTokenizer().tokenize(text);
    // The corpus tokenises "5 - FU - treated": boundaries after 5 and before FU.
    const sut = resplitAtBoundaries(text, tokens, [1, 2]);
    expect(sut.map((t) => t.text)).toEqual(['5', '-', 'FU', '-', 'treated', 'rats']);
    for (const t of sut) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('never cuts a surrogate pair', () => {
    const text = 'x😀y';
    const sut = resplitAtBoundaries(text, [{ text, start: 0, end: 4 }], [2]);
    expect(sut).toEqual([{ text, start: 0, end: 4 }]);
  });
});
