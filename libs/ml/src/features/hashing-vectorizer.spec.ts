import { charNgrams, charWordBoundaryNgrams, HashingVectorizer, wordNgrams } from './hashing-vectorizer.js';
import { murmurHash3Signed } from './murmur-hash3.js';

describe('HashingVectorizer', () => {
  it('builds word n-grams as sklearn: tokens of 2+ word characters, unigrams first', () => {
    const sut = new HashingVectorizer({ bits: 10, word: { minN: 1, maxN: 2 } });
    expect(sut.ngrams('My card, a Visa, has NOT arrived!').word).toEqual([
      'my',
      'card',
      'visa',
      'has',
      'not',
      'arrived',
      'my card',
      'card visa',
      'visa has',
      'has not',
      'not arrived',
    ]);
  });

  it('builds char and char_wb n-grams as sklearn, by code point', () => {
    expect(charNgrams('ab  c', 2, 3)).toEqual(['ab', 'b ', ' c', 'ab ', 'b c']);
    expect(charWordBoundaryNgrams('ab c', 2, 3)).toEqual([' a', 'ab', 'b ', ' ab', 'ab ', ' c', 'c ', ' c ']);
    expect(charNgrams('😀x', 1, 1)).toEqual(['😀', 'x']);
    expect(wordNgrams(['a'], 2, 3)).toEqual([]);
  });

  it('puts "foo" where sklearn does: index |h| mod 2^bits, sign from the hash sign', () => {
    const sut = new HashingVectorizer({ bits: 20, word: { minN: 1, maxN: 1 }, norm: 'none' });
    const v = sut.vectorize('foo foo');
    // murmurhash3_32("foo") = -156908512: index 156908512 mod 2^20, negative sign.
    expect([...v.indices]).toEqual([156908512 % 2 ** 20]);
    expect([...v.values]).toEqual([-2]);
  });

  it('sums collisions into sorted unique indices and l2-normalises', () => {
    const sut = new HashingVectorizer({ bits: 2, word: { minN: 1, maxN: 2 }, char: { minN: 2, maxN: 4 } });
    const v = sut.vectorize('the lost card was never delivered to me');
    expect(v.indices.length).toBeLessThanOrEqual(4);
    expect([...v.indices]).toEqual([...new Set(v.indices)].sort((a, b) => a - b));
    const norm = Math.hypot(...v.values);
    expect(norm).toBeCloseTo(1, 6);
    // Same sums computed by hand from the hash of every n-gram.
    const { word, char } = sut.ngrams('the lost card was never delivered to me');
    const dense = [0, 0, 0, 0];
    for (const f of [...word, ...char]) {
      const h = murmurHash3Signed(f, 0);
      dense[Math.abs(h) % 4] += h < 0 ? -1 : 1;
    }
    const ss = Math.hypot(...dense);
    v.indices.forEach((i, k) => expect(v.values[k]).toBeCloseTo(dense[i] / ss, 6));
  });

  it('survives a JSON round trip with identical output', () => {
    const sut = new HashingVectorizer({
      bits: 18,
      word: { minN: 1, maxN: 2 },
      char: { minN: 3, maxN: 5, seed: 7 },
    });
    const restored = HashingVectorizer.fromJSON(JSON.parse(JSON.stringify(sut)));
    expect(restored.vectorize('Where is my new card?')).toEqual(sut.vectorize('Where is my new card?'));
    expect(restored.config.char?.analyzer).toBe('char_wb');
  });

  it('rejects a config with no analyser or an inverted n-gram range', () => {
    expect(() => new HashingVectorizer({ bits: 10 })).toThrow();
    expect(() => new HashingVectorizer({ bits: 10, word: { minN: 3, maxN: 1 } })).toThrow(/minN/);
  });
});
