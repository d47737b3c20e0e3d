import {
  computeEpsilon,
  emissionsOf,
  maskedTransitions,
  trainCrfWithDpSgd,
  viterbiDecode,
  type DpSgdOptions,
} from '@suite/ml';
import { FIXTURE_ROWS, FIXTURE_SCHEME, fixtureExamples, fixtureSentence } from './training-fixtures.js';

const options: DpSgdOptions = {
  labels: FIXTURE_SCHEME.size,
  rows: FIXTURE_ROWS,
  epochs: 8,
  sampleRate: 0.25,
  clipNorm: 1,
  targetEpsilon: 8,
  delta: 1e-5,
  learningRate: 0.1,
  optimizer: 'adam',
  emaDecay: 0.9,
  seed: 5,
  mask: FIXTURE_SCHEME.transitionMask(),
};

describe('trainCrfWithDpSgd', () => {
  const examples = fixtureExamples(600, 2);

  it('spends no more than the requested epsilon, as the RDP accountant computes it', () => {
    const { privacy } = trainCrfWithDpSgd(examples.slice(0, 100), options);
    expect(privacy.steps).toBe(32);
    expect(privacy.epsilon).toBeLessThanOrEqual(8);
    // The noise multiplier is the smallest that fits (Opacus' search): the budget is nearly used.
    expect(privacy.epsilon).toBeGreaterThan(7.9);
    const recomputed = computeEpsilon({
      sampleRate: 0.25,
      noiseMultiplier: privacy.noiseMultiplier,
      steps: 32,
      delta: 1e-5,
    });
    expect(recomputed.epsilon).toBeCloseTo(privacy.epsilon, 10);
  });

  it('still learns an easy task under noise, with emissions tied across B/I/E/S', () => {
    const { columns, ofLabel } = FIXTURE_SCHEME.tiedColumns();
    const { weights } = trainCrfWithDpSgd(examples, {
      ...options,
      tied: { columns: columns.length, ofLabel },
    });
    const { features, labels } = fixtureSentence(['chem', 'o', 'dis']);
    const path = viterbiDecode(
      emissionsOf(weights, features),
      features.length,
      maskedTransitions(weights.transitions, options.mask),
    );
    expect(Array.from(path)).toEqual(Array.from(labels));
  });

  it('is reproducible for a seed', () => {
    const a = trainCrfWithDpSgd(examples.slice(0, 100), options);
    const b = trainCrfWithDpSgd(examples.slice(0, 100), options);
    expect(Array.from(a.weights.emission)).toEqual(Array.from(b.weights.emission));
  });
});
