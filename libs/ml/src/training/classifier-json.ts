// Restores any of the trainable classifiers from its JSON (model files, warm starts) by its `kind`.
import {
  LogisticRegression,
  type LogisticRegressionJson,
} from '../models/linear/logistic-regression.model.js';
import { SoftmaxRegression, type SoftmaxRegressionJson } from '../models/linear/softmax-regression.model.js';
import { MlpClassifier, type MlpClassifierJson } from '../models/mlp/mlp-classifier.model.js';

export type ClassifierJson = LogisticRegressionJson | SoftmaxRegressionJson | MlpClassifierJson;
export type SerializableClassifier = LogisticRegression | SoftmaxRegression | MlpClassifier;

export function classifierFromJson(json: ClassifierJson): SerializableClassifier {
  switch (json.kind) {
    case 'logistic-regression':
      return LogisticRegression.fromJSON(json);
    case 'softmax-regression':
      return SoftmaxRegression.fromJSON(json);
    case 'mlp-classifier':
      return MlpClassifier.fromJSON(json);
  }
}
