// Shared core of logistic and softmax regression: logits = x W + b with W stored [inputDim, width]
// row by feature, so a hashed example reads and writes only its own rows.
import { ParameterSet, type FloatArray, type Precision } from '../../optim/parameter-set.js';
import type { ExampleGradient } from '../../training/example-gradient.js';
import type {
  ClassificationLoss,
  FeedForwardNetwork,
  TrainableClassifier,
  TrainingExample,
} from '../../training/trainable-classifier.js';
import { probabilitiesFromLogits } from './activation-functions.js';
import { addInputTimesTable, assertInputFits, type ModelInput } from './model-input.js';

/** Base of LogisticRegression and SoftmaxRegression. */
export abstract class LinearClassifier implements TrainableClassifier {
  readonly parameters: ParameterSet;
  readonly logitCount: number;
  protected readonly weights: FloatArray;
  protected readonly bias: FloatArray;
  private readonly logits: Float64Array;

  protected constructor(
    readonly inputDim: number,
    readonly classCount: number,
    logitCount: number,
    precision: Precision,
    parameters?: ParameterSet,
  ) {
    if (!(Number.isInteger(inputDim) && inputDim >= 1)) throw new RangeError(`bad input dimension ${inputDim}`);
    this.logitCount = logitCount;
    const specs = [
      { name: 'weights', shape: [inputDim, this.logitCount], decay: true },
      { name: 'bias', shape: [this.logitCount], decay: false },
    ];
    if (parameters && !parameters.hasBlocks(specs))
      throw new RangeError('warm-start parameters do not match the model shape');
    // A convex model: zero initialisation is the usual start and keeps runs reproducible.
    this.parameters = parameters ?? ParameterSet.zeros(specs, precision);
    this.weights = this.parameters.view('weights');
    this.bias = this.parameters.view('bias');
    this.logits = new Float64Array(this.logitCount);
  }

  computeLogits(x: ModelInput, out: Float64Array): void {
    assertInputFits(x, this.inputDim);
    for (let o = 0; o < this.logitCount; o++) out[o] = this.bias[o];
    addInputTimesTable(x, this.weights, this.logitCount, out);
  }

  computeExampleGradient(example: TrainingExample, loss: ClassificationLoss, out: ExampleGradient): number {
    this.computeLogits(example.x, this.logits);
    const value = loss.lossAndGradient(this.logits, example, out.inputDelta);
    out.input = example.x;
    out.dense.set(out.inputDelta); // d bias = d logits
    return value;
  }

  predictProba(x: ModelInput): Float64Array {
    const z = new Float64Array(this.logitCount);
    this.computeLogits(x, z);
    return probabilitiesFromLogits(z);
  }

  /** Row-major [n, width] probabilities, width as predictProba's. */
  predictProbaBatch(xs: readonly ModelInput[]): Float32Array {
    const out = new Float32Array(xs.length * this.logitCount);
    xs.forEach((x, i) => out.set(this.predictProba(x), i * this.logitCount));
    return out;
  }

  /** Views of the live parameters, not copies. */
  describeNetwork(): FeedForwardNetwork {
    return {
      inputDim: this.inputDim,
      layers: [{ weights: this.weights, bias: this.bias, inputSize: this.inputDim, outputSize: this.logitCount }],
      output: this.logitCount === 1 ? 'sigmoid' : 'softmax',
    };
  }
}
