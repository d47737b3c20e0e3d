import fc from 'fast-check';
import {
  isAbbreviationOf,
  propagateAbbreviations,
  type ScoredSpan,
  type TaggedWords,
} from './abbreviation-propagation.js';

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

// The former implementation (every definition applied to every later sentence: quadratic), kept as
// the reference the one-pass version must agree with.
function referencePropagation(sentences: readonly TaggedWords[], window: number): ScoredSpan[][] {
  const out = sentences.map((s) => s.spans.map((span) => ({ ...span })));
  sentences.forEach((sentence, i) => {
    for (const span of sentence.spans) {
      const sf = sentence.words[span.end + 1];
      if (sentence.words[span.end] !== '(' || sentence.words[span.end + 2] !== ')' || sf === undefined)
        continue;
      if (!/^(?=.*\p{L})(?=.*\p{Lu})[\p{L}\p{N}][\p{L}\p{N}-]{1,9}$/u.test(sf)) continue;
      if (!isAbbreviationOf(sf, sentence.words.slice(span.start, span.end).join(' '))) continue;
      for (let j = i; j < sentences.length && j - i <= window; j++) {
        const spans = out[j];
        sentences[j].words.forEach((word, k) => {
          if (word !== sf) return;
          const hit = spans.find((s) => s.start <= k && k < s.end);
          if (!hit) spans.push({ type: span.type, start: k, end: k + 1, confidence: span.confidence });
          else if (hit.start === k && hit.end === k + 1) hit.type = span.type;
        });
        spans.sort((a, b) => a.start - b.start);
      }
    }
  });
  return out;
}

describe('propagateAbbreviations in one pass', () => {
  const pairs = [
    ['diethylstilbestrol', 'DES'],
    ['dopamine', 'DA'],
    ['dexamethasone', 'DA'],
  ];
  const type = fc.constantFrom('Chemical', 'Disease');
  const confidence = fc.double({ min: 0, max: 1, noNaN: true });
  // A sentence of chunks: definitions "long ( SF )" with the long form tagged, and loose words,
  // tagged or not, among them the short forms; spans are disjoint and in order, as decoded.
  const chunk = fc.oneof(
    fc.record({ pair: fc.nat(pairs.length - 1), type, confidence }).map(({ pair, type, confidence }) => ({
      words: [pairs[pair][0], '(', pairs[pair][1], ')'],
      span: { type, confidence, start: 0, end: 1 } as ScoredSpan | undefined,
    })),
    fc
      .record({ word: fc.constantFrom('DES', 'DA', 'and', '.'), tagged: fc.boolean(), type, confidence })
      .map(({ word, tagged, type, confidence }) => ({
        words: [word],
        span: tagged ? { type, confidence, start: 0, end: 1 } : undefined,
      })),
  );
  const sentence = fc.array(chunk, { minLength: 1, maxLength: 6 }).map((chunks) => {
    const words: string[] = [];
    const spans: ScoredSpan[] = [];
    for (const c of chunks) {
      if (c.span) spans.push({ ...c.span, start: words.length, end: words.length + 1 });
      words.push(...c.words);
    }
    return { words, spans };
  });

  it('agrees with applying every definition in turn', () => {
    fc.assert(
      fc.property(
        fc.array(sentence, { maxLength: 8 }),
        fc.constantFrom(0, 1, 3, Infinity),
        (sentences, window) => {
          expect(propagateAbbreviations(sentences, window)).toEqual(referencePropagation(sentences, window));
        },
      ),
      { numRuns: 500, seed: 17 },
    );
  });
});
