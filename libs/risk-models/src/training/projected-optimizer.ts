// Projected gradient descent: after every update of the wrapped optimiser, the student's weights are
// put back into the monotone set (see MonotoneConstraints), so training never leaves it for long and
// the final projection moves them little.
import type { GradientBuffer, Optimizer, ParameterSet } from '@suite/ml';
import type { MonotoneConstraints } from '../features/risk-features.js';

export function projectMonotone(
  weights: Float32Array | Float64Array,
  constraints: MonotoneConstraints,
): void {
  for (const month of constraints.months) {
    let notLateMax = -Infinity;
    for (const i of month.notLate) notLateMax = Math.max(notLateMax, weights[i]);
    const [first, ...rest] = month.lateAtLeast;
    if (weights[first] < notLateMax) weights[first] = notLateMax;
    for (const i of rest) if (weights[i] < 0) weights[i] = 0;
  }
  for (const i of constraints.nonNegative) if (weights[i] < 0) weights[i] = 0;
}

export class ProjectedOptimizer implements Optimizer {
  constructor(
    private readonly inner: Optimizer,
    private readonly weights: Float32Array | Float64Array,
    private readonly constraints: MonotoneConstraints,
  ) {}

  get kind(): Optimizer['kind'] {
    return this.inner.kind;
  }

  get stepCount(): number {
    return this.inner.stepCount;
  }

  step(params: ParameterSet, grad: GradientBuffer, learningRate: number): void {
    this.inner.step(params, grad, learningRate);
    projectMonotone(this.weights, this.constraints);
  }

  settle(params: ParameterSet): void {
    this.inner.settle(params);
    projectMonotone(this.weights, this.constraints);
  }
}
