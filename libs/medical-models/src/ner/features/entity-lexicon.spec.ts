import { EntityLexicon } from './entity-lexicon.js';

describe('EntityLexicon', () => {
  const sut = EntityLexicon.fromSentences([
    { words: ['5', '-', 'fluorouracil', 'and', 'cold'], spans: [{ type: 'Chemical', start: 0, end: 3 }] },
    { words: ['common', 'cold'], spans: [{ type: 'Disease', start: 1, end: 2 }] },
    { words: ['a', 'cold', 'room'], spans: [] },
  ]);

  it('matches names whatever their tokenisation and case, longest first', () => {
    expect(sut.match(['Patients', 'on', '5-Fluorouracil'])).toEqual([
      { type: 'Chemical', start: 2, end: 3, reliability: 1 },
    ]);
  });

  it('knows how often a name was an entity when it occurred', () => {
    const [cold] = sut.match(['cold']);
    expect(cold.type).toBe('Disease');
    expect(cold.reliability).toBeCloseTo(1 / 3, 10);
  });

  it('round-trips through JSON', () => {
    expect(EntityLexicon.fromJSON(sut.toJSON()).match(['cold'])).toEqual(sut.match(['cold']));
  });
});
