import { GradientBuffer } from '../../optim/gradient-buffer.js';
import { Rng } from '../../random/rng.js';
import { crossEntropyLoss } from '../../training/classification-loss.js';
import { classificationAccuracy } from '../../training/classifier-evaluation.js';
import { linearlyGeneratedExamples, randomSparseVector } from '../../../testing/classifier-fixtures.testing.js';
import { ExampleGradient } from '../../training/example-gradient.js';
import { finiteDifferenceGradient, worstGradientMismatch } from '../../../testing/gradient-check.testing.js';
import { trainClassifier } from '../../training/minibatch-trainer.js';
import type { TrainingExample } from '../../training/trainable-classifier.js';
import { SoftmaxRegression } from './softmax-regression.model.js';

function exampleLoss(model: SoftmaxRegression, example: TrainingExample): number {
  const z = new Float64Array(model.logitCount);
  model.computeLogits(example.x, z);
  return crossEntropyLoss.lossAndGradient(z, example, new Float64Array(z.length));
}

describe('SoftmaxRegression', () => {
  const rng = new Rng(9);
  const sut = new SoftmaxRegression({ inputDim: 9, classes: 4, precision: 'float64' });
  sut.parameters.values.forEach((_, i, v) => (v[i] = rng.normal() * 0.5));

  it('computes per-example gradients that match finite differences', () => {
    const examples: TrainingExample[] = [
      { x: randomSparseVector(rng, 9, 4), label: 2 },
      { x: Float64Array.from({ length: 9 }, () => rng.normal()), label: 0 },
    ];
    const g = new ExampleGradient(sut.parameters);
    for (const example of examples) {
      sut.computeExampleGradient(example, crossEntropyLoss, g);
      const numeric = finiteDifferenceGradient(sut.parameters, () => exampleLoss(sut, example));
      expect(worstGradientMismatch(g.toDense(), numeric)).toBeLessThan(1);
    }
  });

  it('accumulates a sparse batch gradient that touches only the batch features', () => {
    const batch = Array.from({ length: 5 }, (_, i) => ({ x: randomSparseVector(rng, 9, 2), label: i % 4 }));
    const buffer = new GradientBuffer(sut.parameters);
    const g = new ExampleGradient(sut.parameters);
    for (const e of batch) {
      sut.computeExampleGradient(e, crossEntropyLoss, g);
      g.addTo(buffer, 1);
    }
    const numeric = finiteDifferenceGradient(sut.parameters, () =>
      batch.reduce((s, e) => s + exampleLoss(sut, e), 0),
    );
    expect(worstGradientMismatch(buffer.values, numeric)).toBeLessThan(1);
    const features = new Set(batch.flatMap((e) => Array.from((e.x as { indices: Int32Array }).indices)));
    expect(new Set(buffer.touchedRows())).toEqual(features);
  });

  it('predicts a distribution over the classes and learns a linear rule', () => {
    const data = linearlyGeneratedExamples({ count: 600, inputDim: 6, classes: 3, seed: 5, noise: 0.1 });
    const model = new SoftmaxRegression({ inputDim: 6, classes: 3 });
    trainClassifier(model, data.slice(0, 500), { epochs: 20, batchSize: 16, seed: 2, learningRate: 0.05 });
    const p = model.predictProba(data[0].x);
    expect(p).toHaveLength(3);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(classificationAccuracy(model, data.slice(500))).toBeGreaterThan(0.85);
  });

  it('round-trips through JSON', () => {
    const restored = SoftmaxRegression.fromJSON(JSON.parse(JSON.stringify(sut.toJSON())));
    expect(restored.classCount).toBe(4);
    expect(Array.from(restored.parameters.values)).toEqual(Array.from(sut.parameters.values));
  });

  it('rejects fewer than two classes and labels out of range', () => {
    expect(() => new SoftmaxRegression({ inputDim: 3, classes: 1 })).toThrow(RangeError);
    const g = new ExampleGradient(sut.parameters);
    expect(() => sut.computeExampleGradient({ x: new Float64Array(9), label: 4 }, crossEntropyLoss, g)).toThrow(
      RangeError,
    );
  });
});
