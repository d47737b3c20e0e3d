import { DEFAULT_FEATURE_CONFIG, NerFeaturizer, type NerFeatureConfig } from './ner-featurizer.js';
import { registerTokenGazetteer } from './token-gazetteers.js';

// The opt-in features of de-identification (gazetteer flags, cue words) only add ids: a config
// without them (every NER model) featurizes exactly as before.
const flags: Record<string, number> = { carol: 1, aware: 8 };
registerTokenGazetteer('spec-names', () => ({ flagsOf: (w) => flags[w] ?? 0 }));

const idsOf = (config: NerFeatureConfig, words: string[]): number[][] => {
  const f = new NerFeaturizer(config).featurize(words);
  return words.map((_, k) => [...f.ids.subarray(k * f.maxFeatures, k * f.maxFeatures + f.counts[k])]);
};

describe('NerFeaturizer opt-in features', () => {
  const words = ['NP', 'Carol', 'made', 'aware'];
  const base: NerFeatureConfig = { ...DEFAULT_FEATURE_CONFIG, maxFeatures: 200 };

  it('keeps every base feature and adds gazetteer and cue features when asked', () => {
    const plain = idsOf(base, words);
    const extended = idsOf({ ...base, gazetteer: 'spec-names', cues: true }, words);
    plain.forEach((ids, k) => {
      const more = new Set(extended[k]);
      expect(ids.every((id) => more.has(id))).toBe(true);
      expect(extended[k].length).toBeGreaterThan(ids.length);
    });
  });

  it('features of a config without the opt-in fields do not depend on a registered gazetteer', () => {
    expect(idsOf(base, words)).toEqual(idsOf({ ...base, gazetteer: undefined, cues: false }, words));
  });

  it('tells a listed first name from an unlisted word in the same place', () => {
    const config = { ...base, gazetteer: 'spec-names' };
    const [, carol] = idsOf(config, ['NP', 'Carol']);
    const [, other] = idsOf(config, ['NP', 'Carox']);
    const plainCarol = new Set(idsOf(base, ['NP', 'Carol'])[1]);
    const plainOther = new Set(idsOf(base, ['NP', 'Carox'])[1]);
    // The gazetteer's features of the two words differ.
    expect(carol.filter((id) => !plainCarol.has(id))).not.toEqual(other.filter((id) => !plainOther.has(id)));
  });

  it('refuses a gazetteer nobody registered', () => {
    expect(() => new NerFeaturizer({ ...base, gazetteer: 'no-such-list' })).toThrow(/no-such-list/u);
  });
});
