import * as ort from 'onnxruntime-node';
import { decodeModel } from '@suite/onnx';
import type { SparseVector } from '../features/sparse-vector.js';
import { LogisticRegression } from '../models/linear/logistic-regression.model.js';
import { SoftmaxRegression } from '../models/linear/softmax-regression.model.js';
import { MlpClassifier } from '../models/mlp/mlp-classifier.model.js';
import { Rng } from '../random/rng.js';
import { randomSparseVector } from '../../testing/classifier-fixtures.testing.js';
import type { TrainableClassifier } from '../training/trainable-classifier.js';
import { exportClassifierToOnnx, packSparseBatch } from './classifier-onnx.export.js';

const INPUT_DIM = 50;

function randomised<M extends TrainableClassifier>(model: M, seed: number): M {
  const rng = new Rng(seed);
  model.parameters.values.forEach((_, i, v) => (v[i] = rng.normal() * 0.7));
  return model;
}

const models: { name: string; make: () => TrainableClassifier }[] = [
  { name: 'logistic', make: () => randomised(new LogisticRegression({ inputDim: INPUT_DIM }), 1) },
  { name: 'softmax', make: () => randomised(new SoftmaxRegression({ inputDim: INPUT_DIM, classes: 5 }), 2) },
  {
    name: 'mlp binary',
    make: () => randomised(new MlpClassifier({ inputDim: INPUT_DIM, hidden: [7], classes: 2 }), 3),
  },
  {
    name: 'mlp 2 hidden',
    make: () => randomised(new MlpClassifier({ inputDim: INPUT_DIM, hidden: [8, 5], classes: 4 }), 4),
  },
];

const rng = new Rng(10);
const sparseBatch: SparseVector[] = [
  randomSparseVector(rng, INPUT_DIM, 6),
  randomSparseVector(rng, INPUT_DIM, 2),
  { indices: new Int32Array(0), values: new Float32Array(0) }, // no features at all: bias only
  randomSparseVector(rng, INPUT_DIM, 11),
];

function densify(x: SparseVector): Float32Array {
  const row = new Float32Array(INPUT_DIM);
  x.indices.forEach((j, k) => (row[j] = x.values[k]));
  return row;
}

function expectRowsClose(got: Float32Array, model: TrainableClassifier, xs: SparseVector[]): void {
  const width = model.logitCount;
  expect(got).toHaveLength(xs.length * width);
  xs.forEach((x, r) =>
    model.predictProba(x).forEach((p, k) => expect(Math.abs(got[r * width + k] - p)).toBeLessThan(1e-5)),
  );
}

describe('exportClassifierToOnnx', () => {
  it.each(models)(
    'runs the sparse hashed-input graph in onnxruntime to the model probabilities ($name)',
    async ({ make }) => {
      const model = make();
      const sut = await ort.InferenceSession.create(exportClassifierToOnnx(model, { input: 'sparse' }));
      const packed = packSparseBatch(sparseBatch);
      const dims = [sparseBatch.length, packed.nnz];
      const out = await sut.run({
        indices: new ort.Tensor('int64', packed.indices, dims),
        values: new ort.Tensor('float32', packed.values, dims),
      });
      expect(out.probabilities.dims).toEqual([sparseBatch.length, model.logitCount]);
      expectRowsClose(out.probabilities.data as Float32Array, model, sparseBatch);
    },
  );

  it.each(models)(
    'runs the dense-input graph in onnxruntime to the model probabilities ($name)',
    async ({ make }) => {
      const model = make();
      const sut = await ort.InferenceSession.create(exportClassifierToOnnx(model, { input: 'dense' }));
      const rows = new Float32Array(sparseBatch.length * INPUT_DIM);
      sparseBatch.forEach((x, r) => rows.set(densify(x), r * INPUT_DIM));
      const out = await sut.run({
        features: new ort.Tensor('float32', rows, [sparseBatch.length, INPUT_DIM]),
      });
      expectRowsClose(out.probabilities.data as Float32Array, model, sparseBatch);
    },
  );

  it('serves a 2^18-feature hashed model and records the layout in the metadata', async () => {
    const inputDim = 1 << 18;
    const model = new SoftmaxRegression({ inputDim, classes: 3 });
    model.parameters.values.forEach((_, i, v) => (v[i] = Math.sin(i))); // cheaper than 786k normal draws
    const bytes = exportClassifierToOnnx(model, { input: 'sparse', metadata: { 'suite.task': 'intent' } });
    const props = Object.fromEntries(decodeModel(bytes).metadataProps!.map((p) => [p.key, p.value]));
    expect(props).toMatchObject({
      'suite.input_layout': 'sparse',
      'suite.input_dim': '262144',
      'suite.task': 'intent',
    });
    const xs = [randomSparseVector(new Rng(6), inputDim, 40), randomSparseVector(new Rng(7), inputDim, 3)];
    const packed = packSparseBatch(xs, 64);
    const sut = await ort.InferenceSession.create(bytes);
    const out = await sut.run({
      indices: new ort.Tensor('int64', packed.indices, [2, 64]),
      values: new ort.Tensor('float32', packed.values, [2, 64]),
    });
    expectRowsClose(out.probabilities.data as Float32Array, model, xs);
  });

  it('pads sparse rows with index 0 and value 0, and rejects rows wider than the given width', () => {
    const sut = packSparseBatch([{ indices: Int32Array.of(3, 9), values: Float32Array.of(0.5, 2) }], 3);
    expect(Array.from(sut.indices)).toEqual([3n, 9n, 0n]);
    expect(Array.from(sut.values)).toEqual([0.5, 2, 0]);
    expect(() => packSparseBatch(sparseBatch, 2)).toThrow(RangeError);
  });
});
