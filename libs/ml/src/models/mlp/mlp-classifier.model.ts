// A small multilayer perceptron: input table -> ReLU -> (dense -> ReLU) -> dense -> sigmoid/softmax.
// The first layer is stored row by feature like the linear models, so hashed sparse inputs cost
// O(nnz x hidden) forward and backward. Weights start He-normal (He et al. 2015, §2.2), biases zero.
import { ParameterSet, type FloatArray, type ParameterSetJson, type Precision } from '../../optim/parameter-set.js';
import { Rng } from '../../random/rng.js';
import type { ExampleGradient } from '../../training/example-gradient.js';
import type {
  ClassificationLoss,
  FeedForwardNetwork,
  TrainableClassifier,
  TrainingExample,
} from '../../training/trainable-classifier.js';
import { probabilitiesFromLogits } from '../linear/activation-functions.js';
import { addInputTimesTable, assertInputFits, type ModelInput } from '../linear/model-input.js';

export interface MlpClassifierOptions {
  inputDim: number;
  /** One or two hidden layer widths. */
  hidden: readonly number[];
  /** 2 gives one sigmoid output (P(y=1)); more gives a softmax. */
  classes: number;
  /** Seed of the weight initialisation. */
  seed?: number;
  precision?: Precision;
  /**
   * Expected squared norm of an input, the fan-in He's init assumes (unit-variance features):
   * inputDim for standardised dense rows (the default), about 1 for L2-normalised hashed vectors.
   */
  inputFanIn?: number;
}

export interface MlpClassifierJson {
  kind: 'mlp-classifier';
  inputDim: number;
  hidden: number[];
  classes: number;
  parameters: ParameterSetJson;
}

interface DenseLayer {
  weights: FloatArray;
  bias: FloatArray;
  inputSize: number;
  outputSize: number;
  /** Offsets of this layer's gradient inside ExampleGradient.dense. */
  weightsGradOffset: number;
  biasGradOffset: number;
}

export class MlpClassifier implements TrainableClassifier {
  readonly inputDim: number;
  readonly hidden: readonly number[];
  readonly classCount: number;
  readonly logitCount: number;
  readonly parameters: ParameterSet;
  private readonly layers: DenseLayer[];
  /** Pre-activations and activations of the hidden layers, reused across examples. */
  private readonly pre: Float64Array[];
  private readonly act: Float64Array[];
  private readonly deltas: Float64Array[];
  private readonly logits: Float64Array;
  private readonly dLogits: Float64Array;

  constructor(options: MlpClassifierOptions, parameters?: ParameterSet) {
    const { inputDim, hidden, classes } = options;
    if (!(Number.isInteger(inputDim) && inputDim >= 1)) throw new RangeError(`bad input dimension ${inputDim}`);
    if (hidden.length < 1 || hidden.length > 2 || !hidden.every((h) => Number.isInteger(h) && h >= 1))
      throw new RangeError('an MLP here has one or two hidden layers of positive width');
    if (!(Number.isInteger(classes) && classes >= 2)) throw new RangeError(`need >= 2 classes, got ${classes}`);
    this.inputDim = inputDim;
    this.hidden = [...hidden];
    this.classCount = classes;
    this.logitCount = classes === 2 ? 1 : classes;
    const sizes = [inputDim, ...hidden, this.logitCount];
    const specs = sizes.slice(1).flatMap((out, l) => [
      { name: `layer${l}.weights`, shape: [sizes[l], out], decay: true },
      { name: `layer${l}.bias`, shape: [out], decay: false },
    ]);
    if (parameters) {
      if (!parameters.hasBlocks(specs))
        throw new RangeError('warm-start parameters do not match the MLP shape');
      this.parameters = parameters;
    } else {
      this.parameters = ParameterSet.zeros(specs, options.precision ?? 'float32');
      this.initialiseWeights(options.seed ?? 0, options.inputFanIn ?? inputDim);
    }
    const denseOffset = this.parameters.denseOffset;
    this.layers = sizes.slice(1).map((out, l) => {
      const w = this.parameters.block(`layer${l}.weights`);
      const b = this.parameters.block(`layer${l}.bias`);
      return {
        weights: this.parameters.view(w.name),
        bias: this.parameters.view(b.name),
        inputSize: sizes[l],
        outputSize: out,
        weightsGradOffset: w.offset - denseOffset,
        biasGradOffset: b.offset - denseOffset,
      };
    });
    this.pre = hidden.map((h) => new Float64Array(h));
    this.act = hidden.map((h) => new Float64Array(h));
    this.deltas = hidden.map((h) => new Float64Array(h));
    this.logits = new Float64Array(this.logitCount);
    this.dLogits = new Float64Array(this.logitCount);
  }

  computeLogits(x: ModelInput, out: Float64Array): void {
    this.forward(x);
    out.set(this.logits);
  }

  computeExampleGradient(example: TrainingExample, loss: ClassificationLoss, out: ExampleGradient): number {
    this.forward(example.x);
    const value = loss.lossAndGradient(this.logits, example, this.dLogits);
    const g = out.dense;
    let delta = this.dLogits;
    // Back through the dense layers (last to second): dW = a_in (x) delta, db = delta, then
    // delta_in = (W delta) * relu'(z_in).
    for (let l = this.layers.length - 1; l >= 1; l--) {
      const layer = this.layers[l];
      const aIn = this.act[l - 1];
      const zIn = this.pre[l - 1];
      const dIn = this.deltas[l - 1];
      const { weights: w, outputSize: n } = layer;
      for (let i = 0; i < layer.inputSize; i++) {
        const base = i * n;
        const gBase = layer.weightsGradOffset + base;
        let back = 0;
        for (let o = 0; o < n; o++) {
          g[gBase + o] = aIn[i] * delta[o];
          back += w[base + o] * delta[o];
        }
        dIn[i] = zIn[i] > 0 ? back : 0;
      }
      g.set(delta, layer.biasGradOffset);
      delta = dIn;
    }
    out.input = example.x;
    out.inputDelta.set(delta);
    g.set(delta, this.layers[0].biasGradOffset);
    return value;
  }

  predictProba(x: ModelInput): Float64Array {
    this.forward(x);
    return probabilitiesFromLogits(this.logits);
  }

  predictProbaBatch(xs: readonly ModelInput[]): Float32Array {
    const out = new Float32Array(xs.length * this.logitCount);
    xs.forEach((x, i) => out.set(this.predictProba(x), i * this.logitCount));
    return out;
  }

  /** Views of the live parameters, not copies. */
  describeNetwork(): FeedForwardNetwork {
    return {
      inputDim: this.inputDim,
      layers: this.layers.map(({ weights, bias, inputSize, outputSize }) => ({
        weights,
        bias,
        inputSize,
        outputSize,
      })),
      output: this.logitCount === 1 ? 'sigmoid' : 'softmax',
    };
  }

  toJSON(): MlpClassifierJson {
    return {
      kind: 'mlp-classifier',
      inputDim: this.inputDim,
      hidden: [...this.hidden],
      classes: this.classCount,
      parameters: this.parameters.toJSON(),
    };
  }

  /** Restores a trained model; training it further is a warm start. */
  static fromJSON(json: MlpClassifierJson): MlpClassifier {
    if (json.kind !== 'mlp-classifier') throw new RangeError(`not an MLP classifier: ${json.kind}`);
    const { inputDim, hidden, classes } = json;
    return new MlpClassifier({ inputDim, hidden, classes }, ParameterSet.fromJSON(json.parameters));
  }

  private forward(x: ModelInput): void {
    assertInputFits(x, this.inputDim);
    const first = this.layers[0];
    const z0 = this.pre[0];
    for (let o = 0; o < first.outputSize; o++) z0[o] = first.bias[o];
    addInputTimesTable(x, first.weights, first.outputSize, z0);
    for (let l = 1; l < this.layers.length; l++) {
      const aIn = this.act[l - 1];
      const zIn = this.pre[l - 1];
      for (let i = 0; i < aIn.length; i++) aIn[i] = zIn[i] > 0 ? zIn[i] : 0;
      const layer = this.layers[l];
      const z = l === this.layers.length - 1 ? this.logits : this.pre[l];
      for (let o = 0; o < layer.outputSize; o++) z[o] = layer.bias[o];
      addInputTimesTable(aIn, layer.weights, layer.outputSize, z);
    }
  }

  private initialiseWeights(seed: number, inputFanIn: number): void {
    const rng = new Rng(seed);
    const last = this.hidden.length;
    this.parameters.blocks.forEach((block) => {
      if (!block.decay) return;
      const layer = Number(/^layer(\d+)\./.exec(block.name)?.[1]);
      const fanIn = layer === 0 ? inputFanIn : block.shape[0];
      // ReLU follows every layer but the output one: gain 2 there, 1 (LeCun) on the output.
      const std = Math.sqrt((layer === last ? 1 : 2) / fanIn);
      const v = this.parameters.values;
      for (let i = block.offset; i < block.offset + block.size; i++) v[i] = rng.normal() * std;
    });
  }
}
