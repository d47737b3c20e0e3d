// Renyi-DP of the sampled Gaussian mechanism and its conversion to (epsilon, delta), ported from
// Opacus opacus/accountants/analysis/rdp.py (itself a port of TF-Privacy's rdp_accountant.py).
// Mironov, Talwar, Zhang 2019, "Renyi Differential Privacy of the Sampled Gaussian Mechanism",
// arXiv:1908.10530, section 3.3 (integer orders) and 3.4 (fractional orders).
import { logAdd, logBinomial, logErfc, logSub } from './log-math.js';

/** Opacus' RDPAccountant.DEFAULT_ALPHAS: 1.1, 1.2, ..., 10.9 then 12, 13, ..., 63. */
export const DEFAULT_RDP_ORDERS: readonly number[] = Object.freeze([
  ...Array.from({ length: 99 }, (_, x) => 1 + (x + 1) / 10),
  ...Array.from({ length: 52 }, (_, x) => 12 + x),
]);

function logAForIntegerOrder(q: number, sigma: number, alpha: number): number {
  let logA = -Infinity;
  const logQ = Math.log(q);
  const log1mQ = Math.log(1 - q);
  for (let i = 0; i <= alpha; i++) {
    const logCoef = logBinomial(alpha, i).logAbs + i * logQ + (alpha - i) * log1mQ;
    logA = logAdd(logA, logCoef + (i * i - i) / (2 * sigma * sigma));
  }
  return logA;
}

// Opacus' "do ... until" series: terms alternate in sign once i > alpha + 1, so positive and
// negative binomials go through log-add and log-sub respectively; stop when both terms < e^-30.
function logAForFractionalOrder(q: number, sigma: number, alpha: number): number {
  let logA0 = -Infinity;
  let logA1 = -Infinity;
  const sigma2 = sigma * sigma;
  const z0 = sigma2 * Math.log(1 / q - 1) + 0.5;
  const logQ = Math.log(q);
  const log1mQ = Math.log(1 - q);
  const erfcScale = Math.SQRT2 * sigma;
  for (let i = 0; ; i++) {
    const coef = logBinomial(alpha, i);
    const j = alpha - i;
    const logT0 = coef.logAbs + i * logQ + j * log1mQ;
    const logT1 = coef.logAbs + j * logQ + i * log1mQ;
    const logE0 = Math.log(0.5) + logErfc((i - z0) / erfcScale);
    const logE1 = Math.log(0.5) + logErfc((z0 - j) / erfcScale);
    const logS0 = logT0 + (i * i - i) / (2 * sigma2) + logE0;
    const logS1 = logT1 + (j * j - j) / (2 * sigma2) + logE1;
    if (coef.sign > 0) {
      logA0 = logAdd(logA0, logS0);
      logA1 = logAdd(logA1, logS1);
    } else {
      logA0 = logSub(logA0, logS0);
      logA1 = logSub(logA1, logS1);
    }
    if (Math.max(logS0, logS1) < -30) break;
  }
  return logAdd(logA0, logA1);
}

/** RDP of one step of the sampled Gaussian mechanism at order alpha. */
export function rdpOfSampledGaussian(q: number, sigma: number, alpha: number): number {
  if (q === 0) return 0;
  if (sigma === 0) return Infinity;
  if (q === 1) return alpha / (2 * sigma * sigma);
  if (alpha === Infinity) return Infinity;
  const logA = Number.isInteger(alpha)
    ? logAForIntegerOrder(q, sigma, alpha)
    : logAForFractionalOrder(q, sigma, alpha);
  return logA / (alpha - 1);
}

function assertMechanism(q: number, sigma: number, steps: number): void {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`sample rate must be in [0, 1], got ${q}`);
  if (!(sigma >= 0)) throw new RangeError(`noise multiplier must be >= 0, got ${sigma}`);
  if (!(steps >= 0) || !Number.isInteger(steps))
    throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
}

/**
 * RDP after `steps` compositions of the sampled Gaussian with sample rate q and noise multiplier
 * sigma, one value per order (composition adds RDP order by order).
 */
export function computeRdp(q: number, sigma: number, steps: number, orders: readonly number[]): number[] {
  assertMechanism(q, sigma, steps);
  for (const alpha of orders) if (!(alpha > 1)) throw new RangeError(`RDP orders must be > 1, got ${alpha}`);
  return orders.map((alpha) => rdpOfSampledGaussian(q, sigma, alpha) * steps);
}

export interface PrivacySpent {
  epsilon: number;
  /** The RDP order at which the minimum was attained (NaN when no order gives a finite bound). */
  order: number;
}

/**
 * Tightest epsilon over the orders for the given delta, with the conversion Opacus uses since
 * PR #167: eps = RDP(a) + log((a-1)/a) - (log delta + log a)/(a-1) (Balle et al. 2020, Thm 21;
 * Canonne, Kamath, Steinke 2020, Prop 12). NaN orders are skipped, as np.nanargmin does.
 */
export function getPrivacySpent(params: {
  orders: readonly number[];
  rdp: readonly number[];
  delta: number;
}): PrivacySpent {
  const { orders, rdp, delta } = params;
  if (orders.length !== rdp.length) {
    throw new RangeError(`orders and rdp must have the same length (${orders.length} vs ${rdp.length})`);
  }
  if (!(delta > 0 && delta < 1)) throw new RangeError(`delta must be in (0, 1), got ${delta}`);
  let best: PrivacySpent = { epsilon: Infinity, order: NaN };
  for (let k = 0; k < orders.length; k++) {
    const a = orders[k];
    const eps = rdp[k] - (Math.log(delta) + Math.log(a)) / (a - 1) + Math.log((a - 1) / a);
    if (Number.isNaN(eps)) continue;
    if (Number.isNaN(best.order) || eps < best.epsilon) best = { epsilon: eps, order: a };
  }
  return best;
}
