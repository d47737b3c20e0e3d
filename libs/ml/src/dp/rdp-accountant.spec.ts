import { computeEpsilon, findNoiseMultiplier, RdpAccountant } from './rdp-accountant.js';
import { computeRdp, DEFAULT_RDP_ORDERS, getPrivacySpent } from './rdp-analysis.js';

// Test vectors from /work/shared/reference/dp-accountant.md (Opacus accountants_test.py and values
// obtained by running Opacus' rdp.py).
function relError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

const integerOrders = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, k) => from + k);

describe('RDP accountant', () => {
  it('has Opacus DEFAULT_ALPHAS', () => {
    expect(DEFAULT_RDP_ORDERS).toHaveLength(151);
    expect(DEFAULT_RDP_ORDERS[0]).toBe(1.1);
    expect(DEFAULT_RDP_ORDERS[98]).toBe(10.9);
    expect(DEFAULT_RDP_ORDERS[99]).toBe(12);
    expect(DEFAULT_RDP_ORDERS.at(-1)).toBe(63);
  });

  it('T1: q=0.04, sigma=1.5, 2250 steps, delta=1e-5 gives Opacus epsilon 7.32911117143 at order 3.9', () => {
    const sut = computeEpsilon({ sampleRate: 0.04, noiseMultiplier: 1.5, steps: 2250, delta: 1e-5 });
    expect(relError(sut.epsilon, 7.3291111714386545)).toBeLessThan(1e-9);
    expect(sut.order).toBe(3.9);
  });

  it('T1b: integer orders 2..63 give 7.329876773834586 at order 4', () => {
    const sut = computeEpsilon({
      sampleRate: 0.04,
      noiseMultiplier: 1.5,
      steps: 2250,
      delta: 1e-5,
      orders: integerOrders(2, 63),
    });
    expect(relError(sut.epsilon, 7.329876773834586)).toBeLessThan(1e-10);
    expect(sut.order).toBe(4);
  });

  it('T5: per-order RDP totals for T1', () => {
    const orders = [1.5, 2, 3, 4, 5, 8];
    const expected = [
      1.492001311626874, 2.013743175465816, 3.0979628823831975, 4.242015145002921, 5.453830557847261,
      9.611065185159157,
    ];
    const sut = computeRdp(0.04, 1.5, 2250, orders);
    sut.forEach((v, k) => expect(relError(v, expected[k])).toBeLessThan(1e-10));
  });

  it('T6: single step q=0.01, sigma=1 at orders 2, 3, 8, 32', () => {
    const expected = [1.7181342207453428e-4, 2.6463757458466063e-4, 8.936439076060279e-4, 11.246275937048072];
    const sut = computeRdp(0.01, 1.0, 1, [2, 3, 8, 32]);
    sut.forEach((v, k) => expect(relError(v, expected[k])).toBeLessThan(1e-12));
  });

  it('T7: fractional and infinite orders match the Opacus code values', () => {
    const sut = computeRdp(0.01, 2.5, 50, [1.5, 2.5, 5, 50, 100, Infinity]);
    const expected = [6.5007e-4, 1.08542e-3, 2.18076e-3, 2.3846e-2, 167.4163];
    expected.forEach((v, k) => expect(relError(sut[k], v)).toBeLessThan(1e-4));
    expect(sut[5]).toBe(Infinity);
  });

  it('T8: composition of two mechanisms, orders 2..32, gives 0.33634406 at order 23', () => {
    const sut = new RdpAccountant();
    sut.step(1, 1e-5, 10);
    sut.step(3, 1e-4, 4);
    const spent = sut.getPrivacySpent(1e-5, integerOrders(2, 32));
    expect(relError(spent.epsilon, 0.33634406)).toBeLessThan(1e-7);
    expect(spent.order).toBe(23);
  });

  it('T9: q=1 is the plain Gaussian mechanism', () => {
    const sut = computeEpsilon({ sampleRate: 1, noiseMultiplier: 4.530877117, steps: 1, delta: 1e-6 });
    expect(relError(sut.epsilon, 1.0000002896)).toBeLessThan(1e-8);
  });

  it('T13: MNIST settings give the current Opacus RDP values', () => {
    const sut = computeEpsilon({ sampleRate: 0.004, noiseMultiplier: 1.3, steps: 3750, delta: 1e-5 });
    expect(sut.epsilon).toBeCloseTo(0.922, 3);
    expect(sut.order).toBe(17);
  });

  it('T4: noise search for epsilon 8, q=0.04, delta=1e-5 returns 1.416015625 (90 epochs) and 1.356201171875 (2000 steps)', () => {
    expect(
      findNoiseMultiplier({ targetEpsilon: 8, sampleRate: 0.04, steps: Math.trunc(90 / 0.04), delta: 1e-5 }),
    ).toBe(1.416015625);
    expect(findNoiseMultiplier({ targetEpsilon: 8, sampleRate: 0.04, steps: 2000, delta: 1e-5 })).toBe(
      1.356201171875,
    );
  });

  it('never returns a noise multiplier whose epsilon exceeds the target', () => {
    const sigma = findNoiseMultiplier({ targetEpsilon: 3, sampleRate: 0.01, steps: 1000, delta: 1e-6 });
    const eps = computeEpsilon({
      sampleRate: 0.01,
      noiseMultiplier: sigma,
      steps: 1000,
      delta: 1e-6,
    }).epsilon;
    expect(eps).toBeLessThanOrEqual(3);
    expect(eps).toBeGreaterThan(3 - 0.01);
  });

  it('merges consecutive identical steps and agrees with one-shot computation', () => {
    const sut = new RdpAccountant();
    for (let k = 0; k < 2250; k++) sut.step(1.5, 0.04);
    expect(sut.history).toEqual([{ noiseMultiplier: 1.5, sampleRate: 0.04, steps: 2250 }]);
    expect(relError(sut.getEpsilon(1e-5), 7.3291111714386545)).toBeLessThan(1e-9);
    const restored = RdpAccountant.fromJSON(JSON.parse(JSON.stringify(sut)) as { history: [] });
    expect(restored.getEpsilon(1e-5)).toBe(sut.getEpsilon(1e-5));
  });

  it('reports infinite epsilon without noise and zero RDP without sampling', () => {
    expect(computeEpsilon({ sampleRate: 0.1, noiseMultiplier: 0, steps: 10, delta: 1e-5 }).epsilon).toBe(
      Infinity,
    );
    expect(computeRdp(0, 1, 10, [2, 3.5])).toEqual([0, 0]);
  });

  it('rejects orders and rdp of different lengths, and a delta outside (0, 1)', () => {
    expect(() => getPrivacySpent({ orders: [2, 3], rdp: [1], delta: 1e-5 })).toThrow(/same length/);
    expect(() => computeEpsilon({ sampleRate: 0.1, noiseMultiplier: 1, steps: 10, delta: 0 })).toThrow(
      /delta/,
    );
    expect(() => computeRdp(1.5, 1, 10, [2])).toThrow(/sample rate/);
  });
});
