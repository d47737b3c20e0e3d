import { GradientBuffer } from './gradient-buffer.js';
import { ParameterSet } from './parameter-set.js';
import { ProjectedOptimizer } from './projected-optimizer.js';
import { SgdOptimizer } from './sgd.optimizer.js';

const specs = [
  { name: 'weights', shape: [2, 1], decay: false },
  { name: 'bias', shape: [1], decay: false },
];

/** Three SGD steps on a fixed gradient (+1 on weight 0, -1 on weight 1) from weights (0.5, 0.5). */
function run(wrap: (sgd: SgdOptimizer, params: ParameterSet) => SgdOptimizer | ProjectedOptimizer) {
  const params = ParameterSet.zeros(specs, 'float64');
  params.values.set([0.5, 0.5, 0]);
  const optimizer = wrap(new SgdOptimizer({}), params);
  const grad = new GradientBuffer(params);
  for (let t = 0; t < 3; t++) {
    grad.clear();
    grad.touchAllRows();
    grad.values.set([1, -1, 0]);
    optimizer.step(params, grad, 0.4);
  }
  optimizer.settle(params);
  return { values: Array.from(params.values), optimizer };
}

describe('ProjectedOptimizer', () => {
  it('is the wrapped optimiser followed by the projection after every step and settle', () => {
    const plain = run((sgd) => sgd);
    let projections = 0;
    const projected = run(
      (sgd, params) =>
        new ProjectedOptimizer(sgd, () => {
          projections++;
          if (params.values[0] < 0) params.values[0] = 0;
        }),
    );
    expect(plain.values[0]).toBeCloseTo(0.5 - 1.2, 12);
    expect(plain.values[1]).toBeCloseTo(0.5 + 1.2, 12);
    // Weight 0 is held at the bound from the second step on; weight 1 moves as without projection.
    expect(projected.values[0]).toBe(0);
    expect(projected.values[1]).toBeCloseTo(plain.values[1], 12);
    expect(projections).toBe(4);
    expect(projected.optimizer.stepCount).toBe(3);
    expect(projected.optimizer.kind).toBe('sgd');
  });
});
