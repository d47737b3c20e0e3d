import { viterbiDecode } from '../tagging/sequence-decoder.js';
import { trainStructuredPerceptron } from './structured-perceptron.js';
import { emissionsOf, maskedTransitions } from './tagger-weights.js';
import { FIXTURE_ROWS, FIXTURE_SCHEME, fixtureExamples, fixtureSentence } from './training-fixtures.js';

describe('trainStructuredPerceptron', () => {
  it('learns a separable tagging task and decodes valid BIOES paths', () => {
    const mask = FIXTURE_SCHEME.transitionMask();
    const sut = trainStructuredPerceptron(fixtureExamples(200, 1), {
      labels: FIXTURE_SCHEME.size,
      rows: FIXTURE_ROWS,
      epochs: 3,
      seed: 1,
      mask,
    });
    const { features, labels } = fixtureSentence(['o', 'dis', 'chem', 'o']);
    const path = viterbiDecode(
      emissionsOf(sut, features),
      features.length,
      maskedTransitions(sut.transitions, mask),
    );
    expect(Array.from(path)).toEqual(Array.from(labels));
  });
});
