import { LogisticRegression } from '../models/linear/logistic-regression.model.js';
import { SoftmaxRegression } from '../models/linear/softmax-regression.model.js';
import { MlpClassifier } from '../models/mlp/mlp-classifier.model.js';
import { classifierFromJson, type SerializableClassifier } from './classifier-json.js';

describe('classifierFromJson', () => {
  it.each<[string, SerializableClassifier]>([
    ['logistic-regression', new LogisticRegression({ inputDim: 4 })],
    ['softmax-regression', new SoftmaxRegression({ inputDim: 4, classes: 3 })],
    ['mlp-classifier', new MlpClassifier({ inputDim: 4, hidden: [3], classes: 3, seed: 1 })],
  ])('restores a %s with the same predictions', (kind, model) => {
    const sut = classifierFromJson(JSON.parse(JSON.stringify(model.toJSON())));
    expect(sut.toJSON().kind).toBe(kind);
    const x = Float32Array.of(0.5, -1, 2, 0);
    expect(Array.from(sut.predictProba(x))).toEqual(Array.from(model.predictProba(x)));
  });
});
