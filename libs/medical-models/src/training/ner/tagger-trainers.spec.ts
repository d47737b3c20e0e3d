import { createHash } from 'node:crypto';
import {
  emissionsOf,
  maskedTransitions,
  trainCrfWithDpSgd,
  trainStructuredPerceptron,
  viterbiDecode,
  type DpSgdOptions,
  type TaggerWeights,
} from '@suite/ml';
import { FIXTURE_ROWS, FIXTURE_SCHEME, fixtureExamples, fixtureSentence } from './training-fixtures.js';

const mask = FIXTURE_SCHEME.transitionMask();

describe('trainStructuredPerceptron', () => {
  it('learns a separable tagging task and decodes valid BIOES paths', () => {
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

  it('rejects labels outside the label set', () => {
    const [example] = fixtureExamples(1, 1);
    const bad = { ...example, labels: example.labels.map(() => FIXTURE_SCHEME.size) };
    expect(() =>
      trainStructuredPerceptron([bad], {
        labels: FIXTURE_SCHEME.size,
        rows: FIXTURE_ROWS,
        epochs: 1,
        seed: 1,
        mask,
      }),
    ).toThrow(RangeError);
  });
});

// The trainers moved from apps/medical-records/src/ner/training into libs/ml (issue 19), with Adam and
// momentum now libs/ml's kernels. These digests of every weight's bytes were printed by the app's own
// trainers (structured-perceptron.ts, dp-sgd-crf-trainer.ts at commit 2b1b3cf) on the same fixtures:
// the merged trainers must reproduce them bit for bit, which is what keeps the shipped models the same.
describe('merged trainers reproduce the app trainers they replaced, bit for bit', () => {
  const digest = (w: TaggerWeights): string => {
    const h = createHash('sha256');
    for (const a of [w.emission, w.transitions.pair, w.transitions.start, w.transitions.end])
      h.update(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    return h.digest('hex').slice(0, 16);
  };
  const dp: DpSgdOptions = {
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
    mask,
  };
  const examples = fixtureExamples(600, 2);

  it('averaged perceptron: final and per-epoch averaged weights', () => {
    const epochs: string[] = [];
    const weights = trainStructuredPerceptron(fixtureExamples(200, 1), {
      labels: FIXTURE_SCHEME.size,
      rows: FIXTURE_ROWS,
      epochs: 3,
      seed: 1,
      mask,
      onEpoch: (_, w) => epochs.push(digest(w)),
    });
    expect(epochs).toEqual(['7cccd76b99ec7616', '73bc79a6ec775a45', 'a2a99cd8433f4840']);
    expect(digest(weights)).toBe('a2a99cd8433f4840');
  });

  it('DP-SGD CRF with Adam and EMA, and its privacy accounting', () => {
    const { weights, privacy } = trainCrfWithDpSgd(examples.slice(0, 100), dp);
    expect(digest(weights)).toBe('e6d5fa7f50cdcc9c');
    expect(privacy).toEqual({
      epsilon: 7.9959484156853415,
      delta: 0.00001,
      noiseMultiplier: 1.231689453125,
      sampleRate: 0.25,
      steps: 32,
      clipNorm: 1,
    });
  });

  it('DP-SGD CRF with emissions tied across B/I/E/S', () => {
    const { columns, ofLabel } = FIXTURE_SCHEME.tiedColumns();
    const { weights } = trainCrfWithDpSgd(examples, { ...dp, tied: { columns: columns.length, ofLabel } });
    expect(digest(weights)).toBe('ea8973194eb20e44');
  });

  it('DP-SGD CRF with heavy-ball momentum, no EMA', () => {
    const { weights } = trainCrfWithDpSgd(examples.slice(0, 100), {
      ...dp,
      optimizer: 'momentum',
      emaDecay: 0,
      learningRate: 0.5,
    });
    expect(digest(weights)).toBe('10ecbf4e6dd9f4ab');
  });
});
