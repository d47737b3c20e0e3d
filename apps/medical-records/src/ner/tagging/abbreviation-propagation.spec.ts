import { isAbbreviationOf, propagateAbbreviations } from './abbreviation-propagation.js';

describe('abbreviations', () => {
  it('validates short/long form pairs as Schwartz & Hearst do', () => {
    expect(isAbbreviationOf('DES', 'diethylstilbestrol')).toBe(true);
    expect(isAbbreviationOf('PD', "Parkinson ' s disease")).toBe(true);
    expect(isAbbreviationOf('5-FU', '5 - fluorouracil')).toBe(true);
    expect(isAbbreviationOf('CR', 'hypotension')).toBe(false);
  });

  it('gives later occurrences of a defined short form the long form type', () => {
    const sentences = [
      {
        words: ['Rats', 'got', 'diethylstilbestrol', '(', 'DES', ')', '.'],
        spans: [{ type: 'Chemical', start: 2, end: 3, confidence: 0.9 }],
      },
      { words: ['DES', 'raised', 'PRL', '.'], spans: [] },
      { words: ['No', 'DES', 'here'], spans: [] },
    ];
    const sut = propagateAbbreviations(sentences, 1);
    expect(sut[0]).toEqual([
      { type: 'Chemical', start: 2, end: 3, confidence: 0.9 },
      { type: 'Chemical', start: 4, end: 5, confidence: 0.9 },
    ]);
    expect(sut[1]).toEqual([{ type: 'Chemical', start: 0, end: 1, confidence: 0.9 }]);
    // Beyond the window.
    expect(sut[2]).toEqual([]);
  });
});
