// The contract between models and trainers: a classifier exposes its flat parameters, its logits and
// an analytic per-example gradient; the trainers (mini-batch, distillation, DP-SGD) never look inside.
import type { ModelInput } from '../models/linear/model-input.js';
import type { FloatArray, ParameterSet } from '../optim/parameter-set.js';
import type { ExampleGradient } from './example-gradient.js';

export interface TrainingExample {
  x: ModelInput;
  /** Class index; 0 or 1 for binary models. */
  label: number;
  /** Teacher distribution over all classes (length 2 for binary), already tempered; for distillation. */
  soft?: Float64Array;
}

export interface ClassificationLoss {
  readonly name: string;
  /** Writes dLoss/dLogits into dLogits and returns the example's loss. One logit means binary. */
  lossAndGradient(logits: Float64Array, example: TrainingExample, dLogits: Float64Array): number;
}

/** Anything that gives class probabilities: a teacher for distillation, a model under evaluation. */
export interface ProbabilisticClassifier {
  /** Number of classes (2 for a binary model). */
  readonly classCount: number;
  /**
   * The row the ONNX export's `probabilities` output holds: [P(y = 1)] for a binary model,
   * the full distribution (length classCount) for a multiclass one.
   */
  predictProba(x: ModelInput): Float64Array;
}

/** Dense layers after the input table, ReLU between them; what the ONNX exporter writes out. */
export interface FeedForwardNetwork {
  inputDim: number;
  /** weights are row-major [inputSize, outputSize]. */
  layers: { weights: FloatArray; bias: FloatArray; inputSize: number; outputSize: number }[];
  output: 'sigmoid' | 'softmax';
}

export interface TrainableClassifier extends ProbabilisticClassifier {
  readonly inputDim: number;
  readonly parameters: ParameterSet;
  /** 1 for a binary (sigmoid) model, classCount for a softmax one. */
  readonly logitCount: number;
  computeLogits(x: ModelInput, out: Float64Array): void;
  /** Forward and backward for one example: fills `out` with this example's gradient, returns its loss. */
  computeExampleGradient(example: TrainingExample, loss: ClassificationLoss, out: ExampleGradient): number;
  describeNetwork(): FeedForwardNetwork;
}
