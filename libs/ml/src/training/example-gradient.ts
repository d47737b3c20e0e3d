// One example's gradient over all parameters, kept factored: the input table's part is the outer
// product x (x) delta (delta = dLoss/d first pre-activation), the rest is a dense vector. Its norm is
// then exact and cheap, ||x||^2 ||delta||^2 + ||rest||^2, which is what DP-SGD's per-example clipping
// needs (the same factorisation Opacus' per-sample Linear grad sampler uses).
import { inputNormSquared, isSparseInput, type ModelInput } from '../models/linear/model-input.js';
import type { GradientBuffer } from '../optim/gradient-buffer.js';
import type { ParameterSet } from '../optim/parameter-set.js';

const NO_INPUT: ModelInput = new Float64Array(0);

export class ExampleGradient {
  /** The example's input; its features are the input rows this gradient touches (unique indices). */
  input: ModelInput = NO_INPUT;
  /** dLoss / d(first layer's pre-activation), length = input row width. */
  readonly inputDelta: Float64Array;
  /** Gradient of every parameter after the input table, in ParameterSet order. */
  readonly dense: Float64Array;
  private readonly denseOffset: number;
  private readonly size: number;

  constructor(params: ParameterSet) {
    this.inputDelta = new Float64Array(params.rowWidth);
    this.dense = new Float64Array(params.size - params.denseOffset);
    this.denseOffset = params.denseOffset;
    this.size = params.size;
  }

  normSquared(): number {
    let delta = 0;
    for (let o = 0; o < this.inputDelta.length; o++) delta += this.inputDelta[o] * this.inputDelta[o];
    let rest = 0;
    for (let i = 0; i < this.dense.length; i++) rest += this.dense[i] * this.dense[i];
    return inputNormSquared(this.input) * delta + rest;
  }

  /** buffer += scale * this gradient, recording the touched input rows. */
  addTo(buffer: GradientBuffer, scale: number): void {
    const g = buffer.values;
    const delta = this.inputDelta;
    const w = delta.length;
    const x = this.input;
    if (isSparseInput(x)) {
      for (let k = 0; k < x.indices.length; k++) {
        const row = x.indices[k];
        buffer.touchRow(row);
        const v = x.values[k];
        const base = row * w;
        for (let o = 0; o < w; o++) g[base + o] += scale * (v * delta[o]);
      }
    } else {
      buffer.touchAllRows();
      for (let j = 0; j < x.length; j++) {
        const v = x[j];
        const base = j * w;
        for (let o = 0; o < w; o++) g[base + o] += scale * (v * delta[o]);
      }
    }
    const d = this.dense;
    const off = this.denseOffset;
    for (let i = 0; i < d.length; i++) g[off + i] += scale * d[i];
  }

  /** The full gradient vector (tests and small models only). */
  toDense(): Float64Array {
    const out = new Float64Array(this.size);
    const w = this.inputDelta.length;
    const x = this.input;
    const indices = isSparseInput(x) ? x.indices : undefined;
    const values = isSparseInput(x) ? x.values : x;
    for (let k = 0; k < values.length; k++) {
      const base = (indices ? indices[k] : k) * w;
      for (let o = 0; o < w; o++) out[base + o] += values[k] * this.inputDelta[o];
    }
    out.set(this.dense, this.denseOffset);
    return out;
  }
}
