import { readFileSync } from 'node:fs';
import { HashingVectorizer, parseCsv } from '@suite/ml';
import fc from 'fast-check';
import { FastHashedFeatures } from './fast-hashed-features.js';
import { INTENT_FEATURES } from '../training/intent/intent-model-training.js';

describe('FastHashedFeatures', () => {
  const reference = new HashingVectorizer(INTENT_FEATURES);
  const sut = new FastHashedFeatures(reference.config);

  const differs = (text: string): boolean => {
    const expected = reference.vectorize(text);
    const actual = sut.vectorize(text);
    if (actual.indices.length !== expected.indices.length) return true;
    for (let k = 0; k < actual.indices.length; k++)
      if (actual.indices[k] !== expected.indices[k] || actual.values[k] !== expected.values[k]) return true;
    return false;
  };
  const same = (text: string) => expect(differs(text)).toBe(false);

  it('equals the libs/ml vectorizer on every Banking77 training text', () => {
    const rows = parseCsv(readFileSync('data/banking77/train.csv', 'utf8')).slice(1);
    expect(rows.filter(([text]) => differs(text)).map(([text]) => text)).toEqual([]);
  });

  it('equals it on arbitrary text (any code points, lone surrogates, odd spacing)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc.string({ unit: 'grapheme', maxLength: 40 }),
          fc.string(),
        ),
        (text) => same(text),
      ),
      { numRuns: 500, seed: 7 },
    );
    for (const text of [
      '',
      ' ',
      'a',
      'ab',
      'İstanbul ÄÖ',
      '  two   spaces\tand\nlines ',
      '😀 emoji ok',
      'x'.repeat(300),
    ])
      same(text);
  });

  it('refuses a configuration it does not reproduce', () => {
    expect(
      () =>
        new FastHashedFeatures(
          new HashingVectorizer({ bits: 4, char: { minN: 1, maxN: 2, analyzer: 'char' } }).config,
        ),
    ).toThrow(RangeError);
  });
});
