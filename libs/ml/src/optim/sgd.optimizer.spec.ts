import { Rng } from '../random/rng.js';
import { GradientBuffer } from './gradient-buffer.js';
import { ParameterSet } from './parameter-set.js';
import { SgdOptimizer } from './sgd.optimizer.js';

const specs = [
  { name: 'weights', shape: [6, 2], decay: true },
  { name: 'bias', shape: [2], decay: false },
];

/** Random sparse gradients on 1-2 rows per step, the same sequence for every run. */
function runSteps(optimizer: SgdOptimizer, dense: boolean, steps: number): ParameterSet {
  const params = ParameterSet.zeros(specs, 'float64');
  params.values.forEach((_, i) => (params.values[i] = 1 + i / 10));
  const grad = new GradientBuffer(params);
  const rng = new Rng(42);
  for (let t = 0; t < steps; t++) {
    grad.clear();
    if (dense) grad.touchAllRows();
    for (let k = 0; k < 2; k++) {
      const row = rng.int(6);
      grad.touchRow(row);
      grad.values[row * 2] += rng.normal();
      grad.values[row * 2 + 1] += rng.normal();
    }
    grad.values[12] = rng.normal();
    grad.values[13] = rng.normal();
    optimizer.step(params, grad, 0.1 / (1 + t / 10));
  }
  optimizer.settle(params);
  return params;
}

describe('SgdOptimizer', () => {
  it('applies lazy L2 decay to untouched rows exactly as dense SGD does', () => {
    const lazy = runSteps(new SgdOptimizer({ l2: 0.3 }), false, 50);
    const dense = runSteps(new SgdOptimizer({ l2: 0.3 }), true, 50);
    for (let i = 0; i < dense.size; i++) expect(lazy.values[i]).toBeCloseTo(dense.values[i], 12);
  });

  it('does not decay biases', () => {
    const params = ParameterSet.zeros(specs, 'float64');
    params.values.fill(1);
    const sut = new SgdOptimizer({ l2: 0.5 });
    sut.step(params, new GradientBuffer(params), 0.1);
    sut.settle(params);
    expect(params.values[0]).toBeCloseTo(0.95, 15);
    expect(params.values[12]).toBe(1);
  });

  it('follows heavy-ball momentum: v = mu v + g, w -= lr v', () => {
    const params = ParameterSet.zeros(specs, 'float64');
    const grad = new GradientBuffer(params);
    const sut = new SgdOptimizer({ momentum: 0.9 });
    for (let t = 0; t < 3; t++) {
      grad.clear();
      grad.touchRow(0);
      grad.values[0] = 1;
      sut.step(params, grad, 0.1);
    }
    // v: 1, 1.9, 2.71 -> w = -0.1 * (1 + 1.9 + 2.71)
    expect(params.values[0]).toBeCloseTo(-0.561, 12);
    expect(params.values[2]).toBe(0); // a row never touched stays frozen
  });

  it('rejects a learning rate that would flip the sign of decayed weights', () => {
    const params = ParameterSet.zeros(specs, 'float64');
    expect(() => new SgdOptimizer({ l2: 2 }).step(params, new GradientBuffer(params), 0.5)).toThrow(
      RangeError,
    );
    expect(() => new SgdOptimizer({ momentum: 1 })).toThrow(RangeError);
  });
});
