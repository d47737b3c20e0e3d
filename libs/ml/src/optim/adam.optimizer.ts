// Adam (Kingma & Ba 2015, Algorithm 1) with bias correction from the global step. Input rows that a
// batch did not touch keep their moments and weights unchanged, as TensorFlow's LazyAdam does.
import type { GradientBuffer } from './gradient-buffer.js';
import {
  assertOptimizerHyperparameter,
  forEachDenseBlock,
  type AdamConfig,
  type Optimizer,
} from './optimizer.js';
import { allocateFloats, type FloatArray, type ParameterSet } from './parameter-set.js';

export class AdamOptimizer implements Optimizer {
  readonly kind = 'adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly l2: number;
  private steps = 0;
  private m: FloatArray | undefined;
  private v: FloatArray | undefined;

  constructor(config: Omit<AdamConfig, 'kind'> = {}) {
    this.beta1 = config.beta1 ?? 0.9;
    this.beta2 = config.beta2 ?? 0.999;
    this.epsilon = config.epsilon ?? 1e-8;
    this.l2 = config.l2 ?? 0;
    assertOptimizerHyperparameter('beta1', this.beta1, 0, 1);
    assertOptimizerHyperparameter('beta2', this.beta2, 0, 1);
    assertOptimizerHyperparameter('epsilon', this.epsilon, Number.MIN_VALUE, Infinity);
    assertOptimizerHyperparameter('l2', this.l2, 0, Infinity);
  }

  get stepCount(): number {
    return this.steps;
  }

  step(params: ParameterSet, grad: GradientBuffer, learningRate: number): void {
    const t = ++this.steps;
    this.m ??= allocateFloats(params.precision, params.size);
    this.v ??= allocateFloats(params.precision, params.size);
    const correction1 = 1 - Math.pow(this.beta1, t);
    const correction2 = 1 - Math.pow(this.beta2, t);
    const update = (from: number, to: number, decay: boolean): void =>
      this.updateRange(params.values, grad.values, from, to, decay, learningRate, correction1, correction2);
    const w = params.rowWidth;
    const inputDecay = params.blocks[0].decay;
    const rows = grad.touchedRows();
    for (let k = 0; k < rows.length; k++) update(rows[k] * w, (rows[k] + 1) * w, inputDecay);
    forEachDenseBlock(params, update);
  }

  settle(): void {
    // Nothing is deferred: untouched rows are meant to stay as they are.
  }

  private updateRange(
    p: FloatArray,
    g: FloatArray,
    from: number,
    to: number,
    decay: boolean,
    lr: number,
    correction1: number,
    correction2: number,
  ): void {
    const m = this.m!;
    const v = this.v!;
    const { beta1, beta2, epsilon } = this;
    const l2 = decay ? this.l2 : 0;
    for (let i = from; i < to; i++) {
      const gi = g[i] + l2 * p[i];
      m[i] = beta1 * m[i] + (1 - beta1) * gi;
      v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
      p[i] -= (lr * (m[i] / correction1)) / (Math.sqrt(v[i] / correction2) + epsilon);
    }
  }
}
