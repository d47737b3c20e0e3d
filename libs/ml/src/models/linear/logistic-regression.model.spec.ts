import { Rng } from '../../random/rng.js';
import { crossEntropyLoss } from '../../training/classification-loss.js';
import { linearlyGeneratedExamples, randomSparseVector } from '../../../testing/classifier-fixtures.testing.js';
import { ExampleGradient } from '../../training/example-gradient.js';
import { finiteDifferenceGradient, worstGradientMismatch } from '../../../testing/gradient-check.testing.js';
import { trainClassifier } from '../../training/minibatch-trainer.js';
import type { TrainingExample } from '../../training/trainable-classifier.js';
import { GradientBuffer } from '../../optim/gradient-buffer.js';
import { LogisticRegression } from './logistic-regression.model.js';

function randomiseParameters(model: LogisticRegression, seed: number): void {
  const rng = new Rng(seed);
  const v = model.parameters.values;
  for (let i = 0; i < v.length; i++) v[i] = rng.normal() * 0.5;
}

function exampleLoss(model: LogisticRegression, example: TrainingExample): number {
  const z = new Float64Array(1);
  model.computeLogits(example.x, z);
  return crossEntropyLoss.lossAndGradient(z, example, new Float64Array(1));
}

/**
 * Newton's method on J(w, b) = mean log loss + (l2 / 2) ||w||^2 (bias unpenalised): the reference
 * optimum. Solves H d = g by Gaussian elimination with partial pivoting.
 */
function newtonLogisticRegression(rows: Float64Array[], labels: number[], l2: number): Float64Array {
  const d = rows[0].length + 1;
  const theta = new Float64Array(d);
  const n = rows.length;
  for (let iter = 0; iter < 50; iter++) {
    const g = new Float64Array(d);
    const h = Array.from({ length: d }, () => new Float64Array(d));
    rows.forEach((x, r) => {
      const xt = [...x, 1];
      const p = 1 / (1 + Math.exp(-xt.reduce((s, v, j) => s + v * theta[j], 0)));
      for (let j = 0; j < d; j++) {
        g[j] += ((p - labels[r]) * xt[j]) / n;
        for (let k = 0; k < d; k++) h[j][k] += (p * (1 - p) * xt[j] * xt[k]) / n;
      }
    });
    for (let j = 0; j < d - 1; j++) {
      g[j] += l2 * theta[j];
      h[j][j] += l2;
    }
    const step = solveLinearSystem(h, g);
    for (let j = 0; j < d; j++) theta[j] -= step[j];
    if (Math.max(...step.map(Math.abs)) < 1e-14) break;
  }
  return theta;
}

function solveLinearSystem(a: Float64Array[], b: Float64Array): number[] {
  const m = a.map((row, i) => [...row, b[i]]);
  const n = b.length;
  for (let c = 0; c < n; c++) {
    const pivot = m.reduce((best, row, r) => (r >= c && Math.abs(row[c]) > Math.abs(m[best][c]) ? r : best), c);
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k];
    x[r] = s / m[r][r];
  }
  return x;
}

describe('LogisticRegression', () => {
  it('computes per-example gradients that match finite differences (sparse and dense inputs)', () => {
    const sut = new LogisticRegression({ inputDim: 12, precision: 'float64' });
    randomiseParameters(sut, 1);
    const rng = new Rng(2);
    const examples: TrainingExample[] = [
      { x: randomSparseVector(rng, 12, 5), label: 1 },
      { x: randomSparseVector(rng, 12, 3), label: 0 },
      { x: Float64Array.from({ length: 12 }, () => rng.normal()), label: 1 },
    ];
    const g = new ExampleGradient(sut.parameters);
    for (const example of examples) {
      sut.computeExampleGradient(example, crossEntropyLoss, g);
      const numeric = finiteDifferenceGradient(sut.parameters, () => exampleLoss(sut, example));
      expect(worstGradientMismatch(g.toDense(), numeric)).toBeLessThan(1);
      // The factored norm equals the norm of the materialised gradient.
      const dense = g.toDense();
      expect(g.normSquared()).toBeCloseTo(
        dense.reduce((s, v) => s + v * v, 0),
        12,
      );
    }
  });

  it('accumulates a batch gradient equal to the finite-difference gradient of the summed loss', () => {
    const sut = new LogisticRegression({ inputDim: 10, precision: 'float64' });
    randomiseParameters(sut, 3);
    const rng = new Rng(4);
    const batch = Array.from({ length: 6 }, (_, i) => ({ x: randomSparseVector(rng, 10, 4), label: i % 2 }));
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
  });

  it('reaches the Newton (IRLS) optimum of L2-regularised log loss to 1e-4', () => {
    const l2 = 0.05;
    const train = linearlyGeneratedExamples({ count: 200, inputDim: 4, classes: 2, seed: 11, noise: 1 });
    const reference = newtonLogisticRegression(
      train.map((e) => Float64Array.from(e.x as Float64Array)),
      train.map((e) => e.label),
      l2,
    );
    const sut = new LogisticRegression({ inputDim: 4 }); // float32, as shipped
    trainClassifier(sut, train, {
      epochs: 300,
      batchSize: train.length, // full batch: plain gradient descent on the same objective
      seed: 1,
      optimizer: { kind: 'sgd', l2 },
      learningRate: 1,
    });
    const got = sut.parameters.values;
    for (let j = 0; j < reference.length; j++) expect(Math.abs(got[j] - reference[j])).toBeLessThan(1e-4);
  });

  it('round-trips through JSON and predicts the same probabilities', () => {
    const sut = new LogisticRegression({ inputDim: 6 });
    randomiseParameters(sut, 5);
    const restored = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(sut.toJSON())));
    const x = { indices: Int32Array.of(1, 4), values: Float32Array.of(0.5, -2) };
    expect(Array.from(restored.predictProba(x))).toEqual(Array.from(sut.predictProba(x)));
    expect(restored.predictPositive(x)).toBeGreaterThan(0);
  });

  it('warm-starts from saved parameters and keeps improving on new data', () => {
    const data = linearlyGeneratedExamples({ count: 400, inputDim: 8, classes: 2, seed: 21 });
    const options = { epochs: 2, batchSize: 20, seed: 3, learningRate: 0.05 } as const;
    const first = new LogisticRegression({ inputDim: 8 });
    trainClassifier(first, data.slice(0, 200), options);
    const warm = LogisticRegression.fromJSON(first.toJSON());
    const warmReport = trainClassifier(warm, data.slice(200), { ...options, epochs: 1 });
    const cold = trainClassifier(new LogisticRegression({ inputDim: 8 }), data.slice(200), { ...options, epochs: 1 });
    expect(warmReport.epochs[0].trainLoss).toBeLessThan(cold.epochs[0].trainLoss);
  });

  it('rejects warm-start parameters of another shape and inputs out of range', () => {
    const small = new LogisticRegression({ inputDim: 3 });
    expect(() => new LogisticRegression({ inputDim: 4 }, small.parameters)).toThrow(RangeError);
    expect(() => small.predictProba({ indices: Int32Array.of(3), values: Float32Array.of(1) })).toThrow(RangeError);
    expect(() => small.predictProba([1, 2])).toThrow(RangeError);
    // Duplicate indices would make the factored gradient norm (DP clipping) wrong.
    expect(() => small.predictProba({ indices: Int32Array.of(1, 1), values: Float32Array.of(1, 1) })).toThrow(
      RangeError,
    );
  });
});
