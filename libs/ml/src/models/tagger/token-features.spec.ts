import { TokenFeatureExtractor, hashFeatureNames, tokenFeatureNames, tokenShape } from './token-features.js';

describe('token features', () => {
  it('describes a token by word, shape, affixes, flags and neighbours', () => {
    const names = tokenFeatureNames(['Low', 'IL-2', 'levels'], 1);
    expect(names).toEqual(
      expect.arrayContaining([
        'bias',
        'w=il-2',
        'shape=XX-d',
        'p1=i',
        'p4=il-2',
        's2=-2',
        'has-digit',
        'has-hyphen',
        'init-upper',
        'w-2=<s>',
        'w-1=low',
        'w+1=levels',
        'w+2=</s>',
      ]),
    );
  });

  it('shapes long words with a marker instead of their full length', () => {
    expect(tokenShape('Aspirin')).toBe('Xxxxxxx');
    expect(tokenShape('Acetaminophen')).toBe('Xxxxxxxx*');
  });

  it('hashes into ascending unique indices, adding collisions', () => {
    const sut = hashFeatureNames(['a', 'b', 'a'], 4);
    expect(Array.from(sut.indices)).toEqual([...sut.indices].sort((x, y) => x - y));
    expect(new Set(sut.indices).size).toBe(sut.indices.length);
    expect(Array.from(sut.values).reduce((s, v) => s + v, 0)).toBe(3);
    expect(Math.max(...sut.indices)).toBeLessThan(16);
  });

  it('gives one vector per token inside the hash space', () => {
    const sut = new TokenFeatureExtractor({ bits: 18 });
    const vectors = sut.extractSentenceFeatures(['Cisplatin', 'induced', 'nephrotoxicity', '.']);
    expect(vectors).toHaveLength(4);
    for (const v of vectors) expect(Math.max(...v.indices)).toBeLessThan(2 ** 18);
  });
});
