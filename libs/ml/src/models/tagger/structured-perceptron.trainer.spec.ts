import { StructuredPerceptronTagger } from './structured-perceptron.model.js';
import { trainStructuredPerceptron, type FeaturizedSentence } from './structured-perceptron.trainer.js';
import { syntheticTaggedSentences } from './synthetic-tagging.testing.js';
import { TokenFeatureExtractor } from './token-features.js';

const extractor = new TokenFeatureExtractor({ bits: 16 });
const featurize = (count: number, seed: number): FeaturizedSentence[] =>
  syntheticTaggedSentences(count, seed).map((s) => ({ features: extractor.extractSentenceFeatures(s.tokens), tags: s.tags }));

describe('trainStructuredPerceptron', () => {
  const train = featurize(200, 1);
  const test = featurize(100, 2);

  it('learns a small tagging task perfectly', () => {
    const { model: sut, report } = trainStructuredPerceptron(train, { dimension: extractor.dimension, epochs: 5, seed: 3 });
    expect(sut.tags).toEqual(['O', 'B-Chemical', 'B-Disease', 'I-Disease']);
    for (const s of test) expect(sut.tagSentence(s.features)).toEqual(s.tags);
    expect(report.epochs.at(-1)!.tokenErrors).toBeLessThan(report.epochs[0].tokenErrors);
  });

  it('never decodes an I- tag after O, even untrained', () => {
    // Every feature votes for I-Disease, and transitions are all zero.
    const weights = Float32Array.from({ length: extractor.dimension * 3 }, (_, k) => (k % 3 === 2 ? 5 : 0));
    const sut = new StructuredPerceptronTagger(['O', 'B-Disease', 'I-Disease'], extractor.dimension, weights, new Float32Array(12));
    expect(sut.tagSentence(test[0].features)).toEqual(test[0].features.map((_, t) => (t === 0 ? 'B-Disease' : 'I-Disease')));
  });

  it('is deterministic for a seed and round-trips through JSON', () => {
    const first = trainStructuredPerceptron(train, { dimension: extractor.dimension, epochs: 2, seed: 9 }).model;
    const again = trainStructuredPerceptron(train, { dimension: extractor.dimension, epochs: 2, seed: 9 }).model;
    expect(again.toJSON()).toEqual(first.toJSON());
    const sut = StructuredPerceptronTagger.fromJSON(JSON.parse(JSON.stringify(first.toJSON())));
    expect(Array.from(sut.emissionScores(test[0].features))).toEqual(Array.from(first.emissionScores(test[0].features)));
  });

  it('rejects a tag outside the tag set', () => {
    expect(() => trainStructuredPerceptron(train, { dimension: extractor.dimension, tags: ['O'] })).toThrow(/not in the tag set/);
  });
});
