import { englishGazetteer, EnglishGazetteer, GAZETTEER_FLAGS } from './english-gazetteer.js';

// The shipped gazetteer (data/gazetteers/en-names.txt.gz), as the rules and the tagger read it.
describe('English gazetteer', () => {
  const g = englishGazetteer();

  it('holds the lists it is built from', () => {
    expect(g.size).toBeGreaterThan(400_000);
    expect(g.isFirstName('Suzette')).toBe(true);
    expect(g.isUnambiguousName('suzette')).toBe(true);
    expect(g.isEnglishWord('aware')).toBe(true);
    expect(g.isPlace('baltimore')).toBe(true);
  });

  it('marks names that are English words as ambiguous', () => {
    expect(g.isFirstName('grace')).toBe(true);
    expect(g.isEnglishWord('grace')).toBe(true);
    expect(g.isUnambiguousName('grace')).toBe(false);
  });

  it('flags words of the training notes that name lists hold but notes use otherwise', () => {
    expect(g.isClinicalWord('sats')).toBe(true);
    expect(g.isLikelyName('hr')).toBe(true);
    expect(g.isClinicalWord('hr')).toBe(true);
  });

  it('parses its own format, skipping the header', () => {
    const parsed = EnglishGazetteer.parse(`# header\nann\t${GAZETTEER_FLAGS.first | GAZETTEER_FLAGS.word}\n`);
    expect(parsed.size).toBe(1);
    expect(parsed.isFirstName('ANN')).toBe(true);
    expect(parsed.flagsOf('bob')).toBe(0);
  });
});
