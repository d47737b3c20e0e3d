import { LogisticRegression } from '../models/linear/logistic-regression.model.js';
import { SoftmaxRegression } from '../models/linear/softmax-regression.model.js';
import type { ModelInput } from '../models/linear/model-input.js';
import { Rng } from '../random/rng.js';
import { linearlyGeneratedExamples } from '../../testing/classifier-fixtures.testing.js';
import { distillClassifier, type ProbabilityTeacher } from './distillation.trainer.js';

/** Mean absolute difference between two models' probability rows. */
function meanProbabilityGap(a: ProbabilityTeacher, b: ProbabilityTeacher, xs: ModelInput[]): number {
  let sum = 0;
  let count = 0;
  for (const x of xs) {
    const pa = a.predictProba(x);
    const pb = b.predictProba(x);
    for (let k = 0; k < pa.length; k++, count++) sum += Math.abs(pa[k] - pb[k]);
  }
  return sum / count;
}

describe('distillClassifier', () => {
  const data = linearlyGeneratedExamples({ count: 400, inputDim: 5, classes: 3, seed: 4, noise: 1 });
  const xs = data.map((e) => e.x);

  it('teaches a binary student the teacher probabilities from soft labels alone', () => {
    // A teacher whose probabilities are far from the 0/1 labels: only soft targets reveal them.
    const teacher = new LogisticRegression({ inputDim: 5, precision: 'float64' });
    teacher.parameters.values.set([0.8, -0.5, 0.3, 0, 0.2, 0.1]);
    const rng = new Rng(1);
    const train = data.map((e) => ({ x: e.x, label: rng.next() < 0.5 ? 1 : 0 }));
    const sut = new LogisticRegression({ inputDim: 5 });
    distillClassifier(sut, train, {
      teacher,
      temperature: 1,
      softWeight: 1,
      epochs: 40,
      batchSize: 20,
      seed: 2,
      learningRate: 0.05,
    });
    expect(meanProbabilityGap(sut, teacher, xs)).toBeLessThan(0.01);
  });

  it('mixes hard and softened soft targets for a multiclass student', () => {
    const teacher = new SoftmaxRegression({ inputDim: 5, classes: 3, precision: 'float64' });
    const rng = new Rng(3);
    teacher.parameters.values.forEach((_, i, v) => (v[i] = rng.normal()));
    const options = { epochs: 30, batchSize: 20, seed: 2, learningRate: 0.05, temperature: 3 } as const;
    const distilled = new SoftmaxRegression({ inputDim: 5, classes: 3 });
    distillClassifier(distilled, data, { ...options, teacher, softWeight: 0.9 });
    const hardOnly = new SoftmaxRegression({ inputDim: 5, classes: 3 });
    distillClassifier(hardOnly, data, { ...options, teacher, softWeight: 0 });
    expect(meanProbabilityGap(distilled, teacher, xs)).toBeLessThan(
      0.5 * meanProbabilityGap(hardOnly, teacher, xs),
    );
  });

  it('takes precomputed teacher probabilities (a teacher on other features) with the same result', () => {
    const teacher = new LogisticRegression({ inputDim: 5 });
    teacher.parameters.values.set([1, 0, 0, 0, 0, 0]);
    const train = data.map((e) => ({ x: e.x, label: e.label === 0 ? 0 : 1 }));
    const options = { temperature: 2, softWeight: 0.5, epochs: 2, batchSize: 32, seed: 1 };
    const a = new LogisticRegression({ inputDim: 5 });
    distillClassifier(a, train, { ...options, teacher });
    const b = new LogisticRegression({ inputDim: 5 });
    distillClassifier(b, train, { ...options, teacherProbabilities: xs.map((x) => teacher.predictProba(x)) });
    expect(Array.from(b.parameters.values)).toEqual(Array.from(a.parameters.values));
    expect(() => distillClassifier(b, train, { ...options })).toThrow(RangeError);
    expect(() => distillClassifier(b, train, { ...options, teacherProbabilities: [[0.5]] })).toThrow(
      RangeError,
    );
  });
});
