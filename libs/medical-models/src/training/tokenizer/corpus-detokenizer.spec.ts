import { detokenize } from './corpus-detokenizer.js';

describe('detokenize', () => {
  it('rebuilds running text from corpus tokens and keeps their offsets', () => {
    const words = [
      'Selegiline',
      '-',
      'induced',
      'hypotension',
      'in',
      'Parkinson',
      "'",
      's',
      'disease',
      '(',
      'PD',
      ')',
      '.',
    ];
    const sut = detokenize(words);
    expect(sut.text).toBe("Selegiline-induced hypotension in Parkinson's disease (PD).");
    sut.tokens.forEach((t, k) => {
      expect(t.text).toBe(words[k]);
      expect(sut.text.slice(t.start, t.end)).toBe(words[k]);
    });
  });
});
