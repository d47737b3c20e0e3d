// SGD with optional heavy-ball momentum and L2. With momentum 0 the lazy input rows are exact: a row
// that no batch touched for k steps only decays, by prod(1 - lr_u * l2), so the decay is applied in one
// multiplication when the row is next touched (or on settle), from a running sum of log factors
// (the "lazy regularisation" of Carpenter 2008 / Bottou 2012 §5.1). With momentum, untouched rows
// are frozen, as in TensorFlow's sparse momentum.
import type { GradientBuffer } from './gradient-buffer.js';
import {
  assertOptimizerHyperparameter,
  forEachDenseBlock,
  type Optimizer,
  type SgdConfig,
} from './optimizer.js';
import { allocateFloats, type FloatArray, type ParameterSet } from './parameter-set.js';

export class SgdOptimizer implements Optimizer {
  readonly kind = 'sgd';
  readonly momentum: number;
  readonly l2: number;
  private steps = 0;
  private velocity: FloatArray | undefined;
  /** Per input row: the update after which its pending decay was last applied. */
  private rowClock: Int32Array | undefined;
  /** logDecay[t] = sum over updates u <= t of log(1 - lr_u * l2). */
  private readonly logDecay: number[] = [0];

  constructor(config: Omit<SgdConfig, 'kind'> = {}) {
    this.momentum = config.momentum ?? 0;
    this.l2 = config.l2 ?? 0;
    assertOptimizerHyperparameter('momentum', this.momentum, 0, 1);
    assertOptimizerHyperparameter('l2', this.l2, 0, Infinity);
  }

  get stepCount(): number {
    return this.steps;
  }

  step(params: ParameterSet, grad: GradientBuffer, learningRate: number): void {
    const t = ++this.steps;
    const p = params.values;
    const g = grad.values;
    const lazyDecay = this.usesLazyDecay(params);
    if (lazyDecay) {
      const factor = 1 - learningRate * this.l2;
      if (!(factor > 0))
        throw new RangeError(`learning rate * l2 must be < 1, got ${learningRate * this.l2}`);
      this.logDecay.push(this.logDecay[t - 1] + Math.log(factor));
    }
    const clock = lazyDecay ? this.clockFor(params) : undefined;
    const v = this.momentum > 0 ? this.velocityFor(params) : undefined;
    const w = params.rowWidth;
    const inputDecay = params.blocks[0].decay;
    const rows = grad.touchedRows();
    for (let k = 0; k < rows.length; k++) {
      const base = rows[k] * w;
      if (clock) {
        const last = clock[rows[k]];
        if (last < t - 1) scaleRange(p, base, base + w, Math.exp(this.logDecay[t - 1] - this.logDecay[last]));
        clock[rows[k]] = t;
      }
      this.updateRange(p, g, v, base, base + w, inputDecay, learningRate);
    }
    forEachDenseBlock(params, (from, to, decay) => this.updateRange(p, g, v, from, to, decay, learningRate));
  }

  settle(params: ParameterSet): void {
    if (!this.rowClock || !this.usesLazyDecay(params)) return;
    const t = this.steps;
    const w = params.rowWidth;
    for (let r = 0; r < params.inputRows; r++) {
      const last = this.rowClock[r];
      if (last === t) continue;
      scaleRange(params.values, r * w, (r + 1) * w, Math.exp(this.logDecay[t] - this.logDecay[last]));
      this.rowClock[r] = t;
    }
  }

  private usesLazyDecay(params: ParameterSet): boolean {
    return this.l2 > 0 && this.momentum === 0 && params.blocks[0].decay;
  }

  private updateRange(
    p: FloatArray,
    g: FloatArray,
    v: FloatArray | undefined,
    from: number,
    to: number,
    decay: boolean,
    lr: number,
  ): void {
    const l2 = decay ? this.l2 : 0;
    if (v) {
      momentumUpdate(p, g, v, from, to, this.momentum, lr, l2);
    } else {
      for (let i = from; i < to; i++) p[i] -= lr * (g[i] + l2 * p[i]);
    }
  }

  private velocityFor(params: ParameterSet): FloatArray {
    this.velocity ??= allocateFloats(params.precision, params.size);
    return this.velocity;
  }

  private clockFor(params: ParameterSet): Int32Array {
    this.rowClock ??= new Int32Array(params.inputRows);
    return this.rowClock;
  }
}

/**
 * Heavy-ball momentum (PyTorch's SGD, no dampening) on p[from, to): v = mu v + g (+ l2 p, coupled;
 * l2 undefined: no penalty term at all), p -= lr v. Also the DP-SGD CRF trainer's momentum option.
 */
export function momentumUpdate(
  p: FloatArray,
  g: ArrayLike<number>,
  v: FloatArray,
  from: number,
  to: number,
  momentum: number,
  lr: number,
  l2?: number,
): void {
  if (l2 === undefined) {
    for (let i = from; i < to; i++) {
      v[i] = momentum * v[i] + g[i];
      p[i] -= lr * v[i];
    }
    return;
  }
  for (let i = from; i < to; i++) {
    v[i] = momentum * v[i] + (g[i] + l2 * p[i]);
    p[i] -= lr * v[i];
  }
}

function scaleRange(a: FloatArray, from: number, to: number, factor: number): void {
  for (let i = from; i < to; i++) a[i] *= factor;
}
