import type { SparseVector } from '../features/sparse-vector.js';
import { computeEpsilon } from '../dp/rdp-accountant.js';
import { LogisticRegression } from '../models/linear/logistic-regression.model.js';
import { SoftmaxRegression } from '../models/linear/softmax-regression.model.js';
import { MlpClassifier } from '../models/mlp/mlp-classifier.model.js';
import { GradientBuffer } from '../optim/gradient-buffer.js';
import { ParameterSet } from '../optim/parameter-set.js';
import { Rng } from '../random/rng.js';
import { accumulateClippedGradients, addGaussianNoise } from './batch-gradient.js';
import { crossEntropyLoss } from './classification-loss.js';
import { classificationAccuracy } from './classifier-evaluation.js';
import { linearlyGeneratedExamples } from './classifier-fixtures.testing.js';
import { trainWithDpSgd } from './dp-sgd.trainer.js';
import { ExampleGradient } from './example-gradient.js';
import { trainClassifier } from './minibatch-trainer.js';
import type { TrainableClassifier } from './trainable-classifier.js';

describe('trainWithDpSgd', () => {
  const data = linearlyGeneratedExamples({ count: 240, inputDim: 30, classes: 3, seed: 2, sparseNnz: 5 });

  it.each([
    { name: 'softmax', make: (): TrainableClassifier => new SoftmaxRegression({ inputDim: 30, classes: 3 }) },
    {
      name: 'mlp',
      make: (): TrainableClassifier => new MlpClassifier({ inputDim: 30, hidden: [6], classes: 3 }),
    },
  ])('equals plain SGD bit for bit with sigma = 0, C = Infinity and the same batches ($name)', ({ make }) => {
    const optimizer = { kind: 'sgd', momentum: 0.5, l2: 1e-3 } as const;
    const plain = make();
    trainClassifier(plain, data, { epochs: 3, batchSize: 16, seed: 9, optimizer, learningRate: 0.1 });
    const sut = make();
    const report = trainWithDpSgd(sut, data, {
      sampling: 'shuffled',
      sampleRate: 16 / 240,
      epochs: 3,
      noiseMultiplier: 0,
      maxGradNorm: Infinity,
      delta: 1e-5,
      seed: 9,
      optimizer,
      learningRate: 0.1,
    });
    expect(report.steps).toBe(45);
    expect(report.epsilon).toBe(Infinity);
    expect(Array.from(sut.parameters.values)).toEqual(Array.from(plain.parameters.values));
  });

  it('clips every per-example contribution to norm <= C over all parameters', () => {
    const model = new MlpClassifier({ inputDim: 30, hidden: [8, 4], classes: 3, seed: 1, inputFanIn: 2 });
    const maxGradNorm = 0.3;
    const scratch = new ExampleGradient(model.parameters);
    let clipped = 0;
    data.slice(0, 60).forEach((example, i) => {
      const sparse = example.x as SparseVector;
      const scaled = {
        ...example,
        x: { indices: sparse.indices, values: sparse.values.map((v) => v * (1 + (i % 7))) },
      };
      const buffer = new GradientBuffer(model.parameters);
      const stats = accumulateClippedGradients(
        model,
        crossEntropyLoss,
        [scaled],
        Int32Array.of(0),
        maxGradNorm,
        buffer,
        scratch,
      );
      const unclipped = Math.sqrt(scratch.normSquared());
      const contribution = Math.sqrt(buffer.normSquared());
      expect(contribution).toBeLessThanOrEqual(maxGradNorm * (1 + 1e-6));
      if (unclipped > maxGradNorm) {
        clipped++;
        expect(stats.clipped).toBe(1);
        expect(contribution).toBeCloseTo((maxGradNorm * unclipped) / (unclipped + 1e-6), 5);
      } else {
        expect(contribution).toBeCloseTo(unclipped, 5); // below the bound: left alone (factor 1)
      }
    });
    expect(clipped).toBeGreaterThan(10);
    expect(clipped).toBeLessThan(60);
  });

  it('adds N(0, (sigma C)^2) to every coordinate', () => {
    // 2^17 coordinates: the sample sd has relative standard error 1/sqrt(2n) = 0.2%, so 1% is 5 SE;
    // the mean has standard error sigma C / sqrt(n) = 0.0033, bounded at 5 SE.
    const params = ParameterSet.zeros(
      [
        { name: 'weights', shape: [1 << 16, 2], decay: true },
        { name: 'bias', shape: [2], decay: false },
      ],
      'float64',
    );
    const buffer = new GradientBuffer(params);
    addGaussianNoise(buffer, 1.5 * 0.8, new Rng(3));
    const v = Array.from(buffer.values);
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1));
    expect(Math.abs(sd / 1.2 - 1)).toBeLessThan(0.01);
    expect(Math.abs(mean)).toBeLessThan((5 * 1.2) / Math.sqrt(v.length));
    expect(buffer.allRowsTouched).toBe(true);
  });

  it('moves untouched rows by -lr * noise / (q N) in one Poisson step', () => {
    // All examples use feature 0 only, so rows 1.. receive nothing but noise; their spread after one
    // step is lr sigma C / (q N). 16383 rows: relative SE of the sd 0.55%, bound 3% (~5 SE).
    const inputDim = 1 << 14;
    const examples = Array.from({ length: 200 }, (_, i) => ({
      x: { indices: Int32Array.of(0), values: Float32Array.of(1) },
      label: i % 2,
    }));
    const sut = new LogisticRegression({ inputDim, precision: 'float64' });
    const options = {
      sampleRate: 0.05,
      epochs: 0.05,
      noiseMultiplier: 2,
      maxGradNorm: 0.5,
      delta: 1e-5,
      seed: 4,
    };
    const report = trainWithDpSgd(sut, examples, { ...options, learningRate: 0.3 });
    expect(report.steps).toBe(1);
    const rows = Array.from(sut.parameters.values.subarray(1, inputDim));
    const sd = Math.sqrt(rows.reduce((s, x) => s + x * x, 0) / rows.length);
    expect(Math.abs(sd / ((0.3 * 2 * 0.5) / (0.05 * 200)) - 1)).toBeLessThan(0.03);
  });

  it('runs floor(epochs / q) Poisson steps and reports the accountant epsilon', () => {
    const binary = data.map((e) => ({ ...e, label: e.label === 0 ? 1 : 0 }));
    const sut = new LogisticRegression({ inputDim: 30 });
    const report = trainWithDpSgd(sut, binary, {
      sampleRate: 0.07,
      epochs: 6,
      noiseMultiplier: 1.1,
      maxGradNorm: 1,
      delta: 1e-5,
      seed: 1,
      learningRate: 0.5,
    });
    expect(report.steps).toBe(Math.floor(6 / 0.07));
    const expected = computeEpsilon({
      sampleRate: 0.07,
      noiseMultiplier: 1.1,
      steps: report.steps,
      delta: 1e-5,
    });
    expect(report.epsilon).toBeCloseTo(expected.epsilon, 12);
    expect(report.order).toBe(expected.order);
    expect(report.privacyHistory).toEqual([{ noiseMultiplier: 1.1, sampleRate: 0.07, steps: report.steps }]);
    // Still learns the majority-vs-rest rule through the noise.
    expect(classificationAccuracy(sut, binary)).toBeGreaterThan(0.7);
  });

  it('refuses noise without a finite clipping bound', () => {
    const sut = new LogisticRegression({ inputDim: 30 });
    const options = {
      sampleRate: 0.1,
      epochs: 1,
      noiseMultiplier: 1,
      maxGradNorm: Infinity,
      delta: 1e-5,
      seed: 1,
    };
    expect(() => trainWithDpSgd(sut, data, options)).toThrow(RangeError);
  });
});
