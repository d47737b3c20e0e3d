// Adam (Kingma & Ba 2015) with bias correction from the global step, in one of the two orders of
// computation the paper gives: Algorithm 1 as written ('algorithm-1', the default: bias-corrected
// moments, epsilon added to sqrt(v_hat)), or the "more efficient" order of its §2 ('efficient', as
// TensorFlow computes it: alpha_t = alpha sqrt(1 - b2^t) / (1 - b1^t) and epsilon added to
// sqrt(v)), whose epsilon acts as sqrt(1 - b2^t) times Algorithm 1's. Both run the one kernel
// below (adamUpdate), which the DP-SGD CRF trainer also uses on its own parameter blocks.
// Input rows that a batch did not touch keep their moments and weights unchanged, as TensorFlow's
// LazyAdam does.
import type { GradientBuffer } from './gradient-buffer.js';
import {
  assertOptimizerHyperparameter,
  forEachDenseBlock,
  type AdamConfig,
  type Optimizer,
} from './optimizer.js';
import { allocateFloats, type FloatArray, type ParameterSet } from './parameter-set.js';

export type AdamForm = 'algorithm-1' | 'efficient';

/** Everything one Adam step needs besides the arrays: hyperparameters and this step's scales. */
export interface AdamStep {
  form: AdamForm;
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
  /** 1 - beta1^t and 1 - beta2^t ('algorithm-1'). */
  correction1: number;
  correction2: number;
  /** alpha sqrt(1 - beta2^t) / (1 - beta1^t) ('efficient'). */
  stepSize: number;
}

/** The scales of step t (1-based). */
export function adamStep(
  form: AdamForm,
  hyper: { beta1: number; beta2: number; epsilon: number },
  learningRate: number,
  t: number,
): AdamStep {
  const { beta1, beta2, epsilon } = hyper;
  return {
    form,
    beta1,
    beta2,
    epsilon,
    learningRate,
    correction1: 1 - Math.pow(beta1, t),
    correction2: 1 - Math.pow(beta2, t),
    stepSize: (learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t),
  };
}

/**
 * One Adam update of p[from, to) with gradient g plus l2 * p (coupled; l2 undefined: no penalty
 * term at all) and moments m, v of the same length as p. Arrays may be float32 or float64;
 * arithmetic is in doubles, in the order written here (results are compared bit for bit).
 */
export function adamUpdate(
  p: FloatArray,
  g: ArrayLike<number>,
  m: FloatArray,
  v: FloatArray,
  from: number,
  to: number,
  step: AdamStep,
  l2?: number,
): void {
  const { beta1, beta2, epsilon } = step;
  if (step.form === 'efficient') {
    const lr = step.stepSize;
    for (let i = from; i < to; i++) {
      const gi = l2 === undefined ? g[i] : g[i] + l2 * p[i];
      m[i] = beta1 * m[i] + (1 - beta1) * gi;
      v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
      p[i] -= (lr * m[i]) / (Math.sqrt(v[i]) + epsilon);
    }
    return;
  }
  const { learningRate: lr, correction1, correction2 } = step;
  const penalty = l2 ?? 0;
  for (let i = from; i < to; i++) {
    const gi = g[i] + penalty * p[i];
    m[i] = beta1 * m[i] + (1 - beta1) * gi;
    v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
    p[i] -= (lr * (m[i] / correction1)) / (Math.sqrt(v[i] / correction2) + epsilon);
  }
}

export class AdamOptimizer implements Optimizer {
  readonly kind = 'adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly l2: number;
  readonly form: AdamForm;
  private steps = 0;
  private m: FloatArray | undefined;
  private v: FloatArray | undefined;

  constructor(config: Omit<AdamConfig, 'kind'> = {}) {
    this.beta1 = config.beta1 ?? 0.9;
    this.beta2 = config.beta2 ?? 0.999;
    this.epsilon = config.epsilon ?? 1e-8;
    this.l2 = config.l2 ?? 0;
    this.form = config.form ?? 'algorithm-1';
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
    const m = (this.m ??= allocateFloats(params.precision, params.size));
    const v = (this.v ??= allocateFloats(params.precision, params.size));
    const scales = adamStep(this.form, this, learningRate, t);
    const update = (from: number, to: number, decay: boolean): void =>
      adamUpdate(params.values, grad.values, m, v, from, to, scales, decay ? this.l2 : 0);
    const w = params.rowWidth;
    const inputDecay = params.blocks[0].decay;
    const rows = grad.touchedRows();
    for (let k = 0; k < rows.length; k++) update(rows[k] * w, (rows[k] + 1) * w, inputDecay);
    forEachDenseBlock(params, update);
  }

  settle(): void {
    // Nothing is deferred: untouched rows are meant to stay as they are.
  }
}
