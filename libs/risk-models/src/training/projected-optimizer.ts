// The projection of the student's projected gradient descent (libs/ml's ProjectedOptimizer calls it
// after every update): the weights are put back into the monotone set (see MonotoneConstraints), so
// training never leaves it for long and the final projection moves them little.
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
