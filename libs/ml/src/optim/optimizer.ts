// The optimiser contract the trainers drive, and the config that names one. Updates are lazy in the
// input block: only the rows a batch touched move (TensorFlow's sparse-apply semantics), which is
// what makes 2^18-row hashed models trainable; DP-SGD touches every row, so it gets the dense update.
import type { GradientBuffer } from './gradient-buffer.js';
import type { ParameterSet } from './parameter-set.js';

export interface Optimizer {
  readonly kind: OptimizerConfig['kind'];
  /** Updates applied so far. */
  readonly stepCount: number;
  /** One update from a gradient that is already averaged over the batch. */
  step(params: ParameterSet, grad: GradientBuffer, learningRate: number): void;
  /** Applies updates deferred by lazy rows (pending weight decay); call before reading the parameters. */
  settle(params: ParameterSet): void;
}

export interface SgdConfig {
  kind: 'sgd';
  /** Heavy-ball momentum as PyTorch's SGD (no dampening); 0 = plain SGD. */
  momentum?: number;
  /** L2 penalty (l2 / 2) * ||w||^2 on weights, not biases. */
  l2?: number;
}

export interface AdamConfig {
  kind: 'adam';
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** L2 penalty added to the gradient (coupled, as in Adam's paper), on weights, not biases. */
  l2?: number;
  /** Order of computation (adam.optimizer.ts); default 'algorithm-1'. */
  form?: 'algorithm-1' | 'efficient';
}

export type OptimizerConfig = SgdConfig | AdamConfig;

/** Visits every dense block (all coordinates after the input table) with its decay flag. */
export function forEachDenseBlock(
  params: ParameterSet,
  visit: (from: number, to: number, decay: boolean) => void,
): void {
  for (const b of params.denseBlocks) visit(b.offset, b.offset + b.size, b.decay);
}

export function assertOptimizerHyperparameter(name: string, value: number, low: number, high: number): void {
  if (!(value >= low && value < high))
    throw new RangeError(`${name} must be in [${low}, ${high}), got ${value}`);
}
