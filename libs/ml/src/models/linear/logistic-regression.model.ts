// Binary logistic regression on dense or hashed sparse inputs: P(y = 1 | x) = sigmoid(x w + b).
import { ParameterSet, type ParameterSetJson, type Precision } from '../../optim/parameter-set.js';
import { LinearClassifier } from './linear-classifier.js';
import type { ModelInput } from './model-input.js';

export interface LogisticRegressionOptions {
  inputDim: number;
  precision?: Precision;
}

export interface LogisticRegressionJson {
  kind: 'logistic-regression';
  inputDim: number;
  parameters: ParameterSetJson;
}

export class LogisticRegression extends LinearClassifier {
  constructor(options: LogisticRegressionOptions, parameters?: ParameterSet) {
    super(options.inputDim, 2, 1, options.precision ?? parameters?.precision ?? 'float32', parameters);
  }

  /** P(y = 1 | x). */
  predictPositive(x: ModelInput): number {
    return this.predictProba(x)[0];
  }

  toJSON(): LogisticRegressionJson {
    return { kind: 'logistic-regression', inputDim: this.inputDim, parameters: this.parameters.toJSON() };
  }

  /** Restores a trained model; training it further is a warm start. */
  static fromJSON(json: LogisticRegressionJson): LogisticRegression {
    if (json.kind !== 'logistic-regression') throw new RangeError(`not a logistic regression: ${json.kind}`);
    return new LogisticRegression({ inputDim: json.inputDim }, ParameterSet.fromJSON(json.parameters));
  }
}
