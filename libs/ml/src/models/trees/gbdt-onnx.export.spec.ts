import * as ort from 'onnxruntime-node';
import { Rng } from '../../random/rng.js';
import { DecisionTree } from './decision-tree.js';
import { GBDT_ONNX_INPUT, GBDT_ONNX_PROBABILITIES, exportGradientBoostedTreesToOnnx } from './gbdt-onnx.export.js';
import { GradientBoostedTrees } from './gradient-boosted-trees.model.js';
import { trainGradientBoostedTrees } from './gradient-boosting.trainer.js';

async function onnxProbabilities(model: GradientBoostedTrees, rows: Float32Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(exportGradientBoostedTreesToOnnx(model));
  try {
    const n = rows.length / model.featureCount;
    const out = await session.run({ [GBDT_ONNX_INPUT]: new ort.Tensor('float32', rows, [n, model.featureCount]) });
    expect(out[GBDT_ONNX_PROBABILITIES].dims).toEqual([n, 2]);
    return out[GBDT_ONNX_PROBABILITIES].data as Float32Array;
  } finally {
    await session.release();
  }
}

function expectSameProbabilities(model: GradientBoostedTrees, rows: Float32Array, onnx: Float32Array): void {
  const width = model.featureCount;
  for (let i = 0; i < rows.length / width; i++) {
    const p = model.predictProbability(rows.subarray(i * width, (i + 1) * width));
    expect(Math.abs(onnx[i * 2 + 1] - p)).toBeLessThan(1e-5);
    expect(Math.abs(onnx[i * 2] - (1 - p))).toBeLessThan(1e-5);
  }
}

function stump(values: [number, number], threshold: number, defaultLeft: boolean): DecisionTree {
  return new DecisionTree({
    feature: [0, -1, -1],
    threshold: [threshold, 0, 0],
    defaultLeft: [defaultLeft, false, false],
    left: [1, -1, -1],
    right: [2, -1, -1],
    value: [0, ...values],
    cover: [2, 1, 1],
    gain: [1, 0, 0],
  });
}

describe('exportGradientBoostedTreesToOnnx', () => {
  it('gives the TypeScript probabilities through onnxruntime on random rows with NaNs', async () => {
    const rng = new Rng(31);
    const n = 1500;
    const width = 5;
    const values = new Float64Array(n * width);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < width; f++) values[i * width + f] = rng.next() < 0.15 ? NaN : rng.normal() * 10;
      const a = values[i * width];
      y[i] = (Number.isNaN(a) ? rng.next() < 0.8 : a + values[i * width + 1] > 0) ? 1 : 0;
    }
    const { model } = trainGradientBoostedTrees(
      { x: { rowCount: n, featureCount: width, values }, y },
      { rounds: 25, maxLeaves: 12, minDataInLeaf: 5, subsample: 0.8, seed: 2 },
    );
    // Fresh rows, plus the training rows themselves: values sitting on thresholds test BRANCH_LEQ.
    const probe = new Float32Array(600 * width);
    for (let k = 0; k < probe.length; k++) probe[k] = rng.next() < 0.2 ? NaN : rng.normal() * 10;
    probe.set(Float32Array.from(values.subarray(0, 300 * width)), 300 * width);
    expectSameProbabilities(model, probe, await onnxProbabilities(model, probe));
  });

  it('keeps the logistic transform when every leaf weight has the same sign', async () => {
    const rows = Float32Array.from([-1, 0.5, 2, NaN]);
    for (const leafValues of [
      [0.3, 0.7],
      [-0.4, -1.2],
    ] as [number, number][]) {
      const sut = new GradientBoostedTrees(1, 0.25, [stump(leafValues, 0.5, false), stump(leafValues, -0.5, true)]);
      expectSameProbabilities(sut, rows, await onnxProbabilities(sut, rows));
    }
  });

  it('exports an ensemble without trees as the prior', async () => {
    const sut = new GradientBoostedTrees(2, -1.5, []);
    const rows = Float32Array.from([1, 2, NaN, 0]);
    expectSameProbabilities(sut, rows, await onnxProbabilities(sut, rows));
  });
});
