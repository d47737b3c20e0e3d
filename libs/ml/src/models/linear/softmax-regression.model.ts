// Multinomial logistic (softmax) regression: P(y = k | x) = softmax(x W + b)_k.
import { ParameterSet, type ParameterSetJson, type Precision } from '../../optim/parameter-set.js';
import { LinearClassifier } from './linear-classifier.js';

export interface SoftmaxRegressionOptions {
  inputDim: number;
  classes: number;
  precision?: Precision;
}

export interface SoftmaxRegressionJson {
  kind: 'softmax-regression';
  inputDim: number;
  classes: number;
  parameters: ParameterSetJson;
}

export class SoftmaxRegression extends LinearClassifier {
  constructor(options: SoftmaxRegressionOptions, parameters?: ParameterSet) {
    if (!(Number.isInteger(options.classes) && options.classes >= 2))
      throw new RangeError(`softmax regression needs >= 2 classes, got ${options.classes}`);
    const precision = options.precision ?? parameters?.precision ?? 'float32';
    super(options.inputDim, options.classes, options.classes, precision, parameters);
  }

  toJSON(): SoftmaxRegressionJson {
    return {
      kind: 'softmax-regression',
      inputDim: this.inputDim,
      classes: this.classCount,
      parameters: this.parameters.toJSON(),
    };
  }

  /** Restores a trained model; training it further is a warm start. */
  static fromJSON(json: SoftmaxRegressionJson): SoftmaxRegression {
    if (json.kind !== 'softmax-regression') throw new RangeError(`not a softmax regression: ${json.kind}`);
    return new SoftmaxRegression(
      { inputDim: json.inputDim, classes: json.classes },
      ParameterSet.fromJSON(json.parameters),
    );
  }
}
