import { GradientBuffer } from '../../optim/gradient-buffer.js';
import { Rng } from '../../random/rng.js';
import { crossEntropyLoss } from '../../training/classification-loss.js';
import { classificationAccuracy } from '../../training/classifier-evaluation.js';
import { randomSparseVector } from '../../../testing/classifier-fixtures.testing.js';
import { ExampleGradient } from '../../training/example-gradient.js';
import { finiteDifferenceGradient, worstGradientMismatch } from '../../../testing/gradient-check.testing.js';
import { trainClassifier } from '../../training/minibatch-trainer.js';
import type { TrainingExample } from '../../training/trainable-classifier.js';
import { MlpClassifier } from './mlp-classifier.model.js';

function exampleLoss(model: MlpClassifier, example: TrainingExample): number {
  const z = new Float64Array(model.logitCount);
  model.computeLogits(example.x, z);
  return crossEntropyLoss.lossAndGradient(z, example, new Float64Array(z.length));
}

describe('MlpClassifier', () => {
  it.each([
    { hidden: [5], classes: 2 },
    { hidden: [5], classes: 3 },
    { hidden: [6, 4], classes: 2 },
    { hidden: [6, 4], classes: 4 },
  ])('computes per-example and batch gradients that match finite differences ($hidden, $classes classes)', ({
    hidden,
    classes,
  }) => {
    const sut = new MlpClassifier({ inputDim: 8, hidden, classes, seed: 3, precision: 'float64', inputFanIn: 3 });
    // Non-zero biases so that ReLU units sit away from their kink at the test points.
    sut.parameters.denseBlocks.forEach((b) => {
      if (!b.decay) for (let i = b.offset; i < b.offset + b.size; i++) sut.parameters.values[i] = 0.1 * ((i % 3) - 1);
    });
    const rng = new Rng(classes * 10 + hidden.length);
    const examples: TrainingExample[] = [
      { x: randomSparseVector(rng, 8, 3), label: 1 },
      { x: randomSparseVector(rng, 8, 5), label: 0 },
      { x: Float64Array.from({ length: 8 }, () => rng.normal()), label: classes - 1 },
    ];
    const g = new ExampleGradient(sut.parameters);
    const buffer = new GradientBuffer(sut.parameters);
    for (const example of examples) {
      sut.computeExampleGradient(example, crossEntropyLoss, g);
      g.addTo(buffer, 1);
      const numeric = finiteDifferenceGradient(sut.parameters, () => exampleLoss(sut, example));
      expect(worstGradientMismatch(g.toDense(), numeric)).toBeLessThan(1);
      const dense = g.toDense();
      expect(g.normSquared()).toBeCloseTo(
        dense.reduce((s, v) => s + v * v, 0),
        10,
      );
    }
    const numeric = finiteDifferenceGradient(sut.parameters, () =>
      examples.reduce((s, e) => s + exampleLoss(sut, e), 0),
    );
    expect(worstGradientMismatch(buffer.values, numeric)).toBeLessThan(1);
  });

  it('learns XOR, which no linear model can', () => {
    const rng = new Rng(1);
    const data: TrainingExample[] = Array.from({ length: 400 }, () => {
      const a = rng.next() < 0.5 ? -1 : 1;
      const b = rng.next() < 0.5 ? -1 : 1;
      return { x: Float64Array.of(a + 0.1 * rng.normal(), b + 0.1 * rng.normal()), label: a * b > 0 ? 1 : 0 };
    });
    const sut = new MlpClassifier({ inputDim: 2, hidden: [8], classes: 2, seed: 4 });
    trainClassifier(sut, data, { epochs: 60, batchSize: 16, seed: 2, learningRate: 0.02 });
    expect(classificationAccuracy(sut, data)).toBeGreaterThan(0.97);
  });

  it('round-trips through JSON and refuses parameters of another shape', () => {
    const sut = new MlpClassifier({ inputDim: 5, hidden: [4, 3], classes: 3, seed: 8 });
    const restored = MlpClassifier.fromJSON(JSON.parse(JSON.stringify(sut.toJSON())));
    const x = { indices: Int32Array.of(0, 4), values: Float32Array.of(1, -1) };
    expect(Array.from(restored.predictProba(x))).toEqual(Array.from(sut.predictProba(x)));
    expect(() => new MlpClassifier({ inputDim: 5, hidden: [4], classes: 3 }, sut.parameters)).toThrow(RangeError);
    expect(() => new MlpClassifier({ inputDim: 5, hidden: [4, 3, 2], classes: 3 })).toThrow(RangeError);
  });

  it('draws the same initial weights from the same seed', () => {
    const a = new MlpClassifier({ inputDim: 7, hidden: [3], classes: 2, seed: 12 });
    const b = new MlpClassifier({ inputDim: 7, hidden: [3], classes: 2, seed: 12 });
    const c = new MlpClassifier({ inputDim: 7, hidden: [3], classes: 2, seed: 13 });
    expect(Array.from(a.parameters.values)).toEqual(Array.from(b.parameters.values));
    expect(Array.from(a.parameters.values)).not.toEqual(Array.from(c.parameters.values));
  });
});
