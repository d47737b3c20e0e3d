// Projected gradient descent: after every update (and every settle) of the wrapped optimiser, the
// parameters are put back into a feasible set by `project` (e.g. libs/risk-models' monotone
// scorecard weights), so training never leaves it for long and a final projection moves them little.
import type { GradientBuffer } from './gradient-buffer.js';
import type { Optimizer } from './optimizer.js';
import type { ParameterSet } from './parameter-set.js';

export class ProjectedOptimizer implements Optimizer {
  constructor(
    private readonly inner: Optimizer,
    /** Projects the trained parameters in place onto the feasible set. */
    private readonly project: () => void,
  ) {}

  get kind(): Optimizer['kind'] {
    return this.inner.kind;
  }

  get stepCount(): number {
    return this.inner.stepCount;
  }

  step(params: ParameterSet, grad: GradientBuffer, learningRate: number): void {
    this.inner.step(params, grad, learningRate);
    this.project();
  }

  settle(params: ParameterSet): void {
    this.inner.settle(params);
    this.project();
  }
}
