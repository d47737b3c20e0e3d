// Privacy accounting for DP-SGD: an accountant that records the (noise, sample rate, steps) history
// of a training run and reports epsilon, plus the inverse search for the noise multiplier that meets
// a target epsilon. Mirrors Opacus' RDPAccountant and accountants/utils.py get_noise_multiplier.
import { computeRdp, DEFAULT_RDP_ORDERS, getPrivacySpent, type PrivacySpent } from './rdp-analysis.js';

export interface MechanismStep {
  noiseMultiplier: number;
  sampleRate: number;
  steps: number;
}

export interface EpsilonQuery {
  sampleRate: number;
  noiseMultiplier: number;
  steps: number;
  delta: number;
  orders?: readonly number[];
}

/** Epsilon after `steps` Poisson-sampled Gaussian steps, with Opacus' default orders unless given. */
export function computeEpsilon(query: EpsilonQuery): PrivacySpent {
  const orders = query.orders ?? DEFAULT_RDP_ORDERS;
  const rdp = computeRdp(query.sampleRate, query.noiseMultiplier, query.steps, orders);
  return getPrivacySpent({ orders, rdp, delta: query.delta });
}

export interface NoiseMultiplierQuery {
  targetEpsilon: number;
  sampleRate: number;
  steps: number;
  delta: number;
  orders?: readonly number[];
  /** Bisection stops once the returned sigma's epsilon is within this much below the target. */
  epsilonTolerance?: number;
}

// Opacus' MAX_SIGMA: beyond this the budget is considered unreachable.
const MAX_NOISE_MULTIPLIER = 1e6;

/**
 * Smallest noise multiplier (up to the tolerance) whose epsilon is at most the target. Same search
 * as Opacus get_noise_multiplier: sigma_high starts at 10 and doubles (so the first probe is 20)
 * until eps(sigma_high) <= target, then bisection on [0, sigma_high] while
 * target - eps(sigma_high) > tolerance; returns sigma_high, so the answer never exceeds the target.
 */
export function findNoiseMultiplier(query: NoiseMultiplierQuery): number {
  const { targetEpsilon, sampleRate, steps, delta, orders } = query;
  const tolerance = query.epsilonTolerance ?? 0.01;
  if (!(targetEpsilon > 0)) throw new RangeError(`target epsilon must be > 0, got ${targetEpsilon}`);
  if (!(tolerance > 0)) throw new RangeError(`epsilon tolerance must be > 0, got ${tolerance}`);
  const epsilonAt = (noiseMultiplier: number): number =>
    computeEpsilon({ sampleRate, noiseMultiplier, steps, delta, orders }).epsilon;

  let sigmaLow = 0;
  let sigmaHigh = 10;
  let epsHigh = Infinity;
  while (epsHigh > targetEpsilon) {
    sigmaHigh *= 2;
    epsHigh = epsilonAt(sigmaHigh);
    if (sigmaHigh > MAX_NOISE_MULTIPLIER) throw new RangeError('the privacy budget is too low');
  }
  while (targetEpsilon - epsHigh > tolerance) {
    const sigma = (sigmaLow + sigmaHigh) / 2;
    const eps = epsilonAt(sigma);
    if (eps < targetEpsilon) {
      sigmaHigh = sigma;
      epsHigh = eps;
    } else {
      sigmaLow = sigma;
    }
  }
  return sigmaHigh;
}

/**
 * Records the mechanisms a training run applied and reports the privacy spent. Consecutive steps
 * with the same noise multiplier and sample rate are merged into one history entry, as in Opacus.
 */
export class RdpAccountant {
  private readonly entries: MechanismStep[] = [];

  constructor(history: readonly MechanismStep[] = []) {
    for (const entry of history) this.step(entry.noiseMultiplier, entry.sampleRate, entry.steps);
  }

  /** Record `count` steps of the sampled Gaussian with this noise multiplier and sample rate. */
  step(noiseMultiplier: number, sampleRate: number, count = 1): void {
    if (!(noiseMultiplier >= 0))
      throw new RangeError(`noise multiplier must be >= 0, got ${noiseMultiplier}`);
    if (!(sampleRate >= 0 && sampleRate <= 1))
      throw new RangeError(`sample rate must be in [0, 1], got ${sampleRate}`);
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(`count must be a non-negative integer, got ${count}`);
    if (count === 0) return;
    const last = this.entries.at(-1);
    if (last && last.noiseMultiplier === noiseMultiplier && last.sampleRate === sampleRate)
      last.steps += count;
    else this.entries.push({ noiseMultiplier, sampleRate, steps: count });
  }

  get history(): readonly Readonly<MechanismStep>[] {
    return this.entries.map((e) => ({ ...e }));
  }

  get totalSteps(): number {
    return this.entries.reduce((n, e) => n + e.steps, 0);
  }

  /** Total RDP per order: composition is additive order by order. */
  rdp(orders: readonly number[] = DEFAULT_RDP_ORDERS): number[] {
    const total = new Array<number>(orders.length).fill(0);
    for (const e of this.entries) {
      const rdp = computeRdp(e.sampleRate, e.noiseMultiplier, e.steps, orders);
      for (let k = 0; k < orders.length; k++) total[k] += rdp[k];
    }
    return total;
  }

  getPrivacySpent(delta: number, orders: readonly number[] = DEFAULT_RDP_ORDERS): PrivacySpent {
    return getPrivacySpent({ orders, rdp: this.rdp(orders), delta });
  }

  getEpsilon(delta: number, orders: readonly number[] = DEFAULT_RDP_ORDERS): number {
    return this.getPrivacySpent(delta, orders).epsilon;
  }

  toJSON(): { history: MechanismStep[] } {
    return { history: this.entries.map((e) => ({ ...e })) };
  }

  static fromJSON(json: { history: readonly MechanismStep[] }): RdpAccountant {
    return new RdpAccountant(json.history);
  }
}
