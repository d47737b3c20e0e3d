import { classificationAccuracy } from './classifier-evaluation.js';
import {
  measureTrainingThroughput,
  syntheticHashedExamples,
  trainSoftmaxRegression,
} from './linear-training.js';

describe('linear training helpers', () => {
  it('generates learnable, L2-normalised hashed examples', () => {
    const data = syntheticHashedExamples({ count: 600, inputDim: 1 << 18, nnz: 32, classes: 5, seed: 3 });
    const x = data[0].x as { indices: Int32Array; values: Float32Array };
    expect(x.indices.length).toBe(32);
    expect(x.values.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 5);
    const { model } = trainSoftmaxRegression(data.slice(0, 500), {
      inputDim: 1 << 18,
      classes: 5,
      epochs: 3,
      batchSize: 16,
      seed: 1,
      learningRate: 0.05,
    });
    expect(classificationAccuracy(model, data.slice(500))).toBeGreaterThan(0.9);
  });

  it.each([
    { kind: 'logistic', parameters: (1 << 14) + 1 },
    { kind: 'softmax', parameters: 4 * ((1 << 14) + 1) },
    { kind: 'mlp', parameters: 8 * (1 << 14) + 8 + 8 * 4 + 4 },
  ] as const)('reports $kind training throughput from the injected clock', ({ kind, parameters }) => {
    let now = 0;
    const sut = measureTrainingThroughput({
      kind,
      inputDim: 1 << 14,
      examples: 200,
      classes: 4,
      hidden: [8],
      clock: () => (now += 100),
    });
    expect(sut.parameters).toBe(parameters);
    expect(sut.examplesSeen).toBe(200);
    expect(sut.examplesPerSecond).toBe(2000); // 200 examples between two clock reads 100 ms apart
    expect(Number.isFinite(sut.finalTrainLoss)).toBe(true);
  });
});
