import { AdamOptimizer } from './adam.optimizer.js';
import { GradientBuffer } from './gradient-buffer.js';
import { ParameterSet } from './parameter-set.js';

const specs = [
  { name: 'weights', shape: [3, 1], decay: true },
  { name: 'bias', shape: [1], decay: false },
];

describe('AdamOptimizer', () => {
  it('matches Algorithm 1 of Kingma & Ba written out for one coordinate', () => {
    const params = ParameterSet.zeros(specs, 'float64');
    params.values[0] = 0.5;
    const grad = new GradientBuffer(params);
    const sut = new AdamOptimizer({ l2: 0.1 });
    const gradients = [0.3, -0.2, 0.7, 0.1];
    let [w, m, v] = [0.5, 0, 0];
    gradients.forEach((g0, i) => {
      grad.clear();
      grad.touchRow(0);
      grad.values[0] = g0;
      sut.step(params, grad, 0.01);
      const g = g0 + 0.1 * w;
      m = 0.9 * m + 0.1 * g;
      v = 0.999 * v + 0.001 * g * g;
      w -= (0.01 * (m / (1 - 0.9 ** (i + 1)))) / (Math.sqrt(v / (1 - 0.999 ** (i + 1))) + 1e-8);
      expect(params.values[0]).toBeCloseTo(w, 14);
    });
  });

  it('leaves rows the batch did not touch as they are (lazy)', () => {
    const params = ParameterSet.zeros(specs, 'float64');
    params.values.fill(1);
    const grad = new GradientBuffer(params);
    grad.touchRow(1);
    grad.values[1] = 1;
    new AdamOptimizer({ l2: 0.5 }).step(params, grad, 0.1);
    expect([params.values[0], params.values[2]]).toEqual([1, 1]);
    expect(params.values[1]).toBeCloseTo(0.9, 6); // first Adam step moves by ~lr
  });
});
