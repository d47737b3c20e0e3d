import { Rng } from '../../random/rng.js';
import { trainLogisticRegression } from '../../training/linear-training.js';
import { GradientBoostedTrees } from './gradient-boosted-trees.model.js';
import { trainGradientBoostedTrees, type LabelledMatrix } from './gradient-boosting.trainer.js';

function xorData(n: number, seed: number): LabelledMatrix {
  const rng = new Rng(seed);
  const values = new Float64Array(n * 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.next() * 2 - 1;
    const b = rng.next() * 2 - 1;
    values[i * 2] = a;
    values[i * 2 + 1] = b;
    y[i] = a > 0 !== b > 0 ? 1 : 0;
  }
  return { x: { rowCount: n, featureCount: 2, values }, y };
}

function accuracyOf(probabilities: ArrayLike<number>, y: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < y.length; i++) if ((probabilities[i] >= 0.5 ? 1 : 0) === y[i]) correct++;
  return correct / y.length;
}

describe('trainGradientBoostedTrees', () => {
  it('fits XOR, which a linear model cannot', () => {
    const train = xorData(600, 1);
    const test = xorData(400, 2);
    const { model: sut } = trainGradientBoostedTrees(train, { rounds: 60, learningRate: 0.3, maxLeaves: 8, minDataInLeaf: 5 });
    const gbdtAccuracy = accuracyOf(sut.predictProbabilities(test.x), test.y);

    const examples = Array.from({ length: train.x.rowCount }, (_, i) => ({
      x: train.x.values.subarray(i * 2, i * 2 + 2),
      label: train.y[i],
    }));
    const { model: linear } = trainLogisticRegression(examples, { inputDim: 2, epochs: 20, batchSize: 16, seed: 1, learningRate: 0.05 });
    const linearProbabilities = Array.from({ length: test.x.rowCount }, (_, i) =>
      linear.predictPositive(test.x.values.subarray(i * 2, i * 2 + 2)),
    );
    const linearAccuracy = accuracyOf(linearProbabilities, test.y);

    expect(gbdtAccuracy).toBeGreaterThan(0.97);
    expect(linearAccuracy).toBeLessThan(0.65);
  });

  it('learns an increasing risk in the informative feature and ranks it first by gain', () => {
    const rng = new Rng(3);
    const n = 3000;
    const values = new Float64Array(n * 2);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      values[i * 2] = rng.next() * 4 - 2;
      values[i * 2 + 1] = rng.next();
      y[i] = rng.next() < 1 / (1 + Math.exp(-3 * values[i * 2])) ? 1 : 0;
    }
    const { model: sut } = trainGradientBoostedTrees({ x: { rowCount: n, featureCount: 2, values }, y }, { rounds: 40, maxLeaves: 4 });
    const grid = [-1.5, -1, -0.5, 0, 0.5, 1, 1.5];
    const curve = grid.map((a) => [0.1, 0.3, 0.5, 0.7, 0.9].reduce((s, b) => s + sut.predictProbability([a, b]), 0) / 5);
    for (let k = 1; k < curve.length; k++) expect(curve[k]).toBeGreaterThan(curve[k - 1]);
    const importance = sut.featureImportance('gain');
    expect(importance[0]).toBeGreaterThan(10 * importance[1]);
  });

  it('learns where missing values go', () => {
    const rng = new Rng(4);
    const n = 2000;
    const values = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const missing = rng.next() < 0.2;
      values[i] = missing ? NaN : rng.next();
      // Missing behaves like a high value: the learnt default direction must be "right".
      y[i] = missing || values[i] > 0.5 ? 1 : 0;
    }
    const { model: sut } = trainGradientBoostedTrees({ x: { rowCount: n, featureCount: 1, values }, y }, { rounds: 30, maxLeaves: 4 });
    expect(sut.predictProbability([NaN])).toBeGreaterThan(0.9);
    expect(sut.predictProbability([0.2])).toBeLessThan(0.1);
    expect(sut.predictProbability([0.8])).toBeGreaterThan(0.9);
  });

  it('sends unseen missing values somewhere finite when training had none', () => {
    const { model: sut } = trainGradientBoostedTrees(xorData(300, 5), { rounds: 5, minDataInLeaf: 5 });
    expect(Number.isFinite(sut.predictMargin([NaN, 0.5]))).toBe(true);
  });

  it('gives the same trees for the same seed, with row and column sampling', () => {
    const data = xorData(500, 6);
    const options = { rounds: 15, subsample: 0.7, colsample: 0.5, minDataInLeaf: 5, seed: 11 };
    const first = trainGradientBoostedTrees(data, options).model.toJSON();
    const again = trainGradientBoostedTrees(data, options).model.toJSON();
    const otherSeed = trainGradientBoostedTrees(data, { ...options, seed: 12 }).model.toJSON();
    expect(again).toEqual(first);
    expect(otherSeed).not.toEqual(first);
  });

  it('stops early on the dev split and keeps the best round', () => {
    const { model: sut, report } = trainGradientBoostedTrees(
      xorData(300, 7),
      { rounds: 300, learningRate: 0.5, maxLeaves: 16, minDataInLeaf: 2, earlyStoppingRounds: 5 },
      xorData(300, 8),
    );
    expect(report.stoppedEarly).toBe(true);
    expect(sut.trees).toHaveLength(report.bestRound);
    const best = Math.min(...report.rounds.map((r) => r.devLogLoss!));
    expect(report.rounds[report.bestRound - 1].devLogLoss).toBe(best);
  });

  it('round-trips through JSON with identical predictions', () => {
    const data = xorData(300, 9);
    const { model } = trainGradientBoostedTrees(data, { rounds: 10, minDataInLeaf: 5 });
    const sut = GradientBoostedTrees.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(sut.predictProbabilities(data.x))).toEqual(Array.from(model.predictProbabilities(data.x)));
  });

  it('rejects early stopping without a dev split', () => {
    expect(() => trainGradientBoostedTrees(xorData(50, 1), { earlyStoppingRounds: 3 })).toThrow(/dev split/);
  });
});
