// Log-space special functions for the RDP accountant: log-add/sub, log erfc for large arguments and
// log |binomial| for fractional orders. Sums of terms like exp(-500) must not underflow, so every
// quantity stays in log space, as in Opacus' opacus/accountants/analysis/rdp.py.

/** log(exp(x) + exp(y)) without overflow. */
export function logAdd(logX: number, logY: number): number {
  const a = Math.min(logX, logY);
  const b = Math.max(logX, logY);
  if (a === -Infinity) return b;
  return Math.log1p(Math.exp(a - b)) + b;
}

/** log(exp(x) - exp(y)); throws when the difference would be negative (as Opacus' _log_sub). */
export function logSub(logX: number, logY: number): number {
  if (logX < logY) throw new RangeError('logSub: the result of subtraction must be non-negative');
  if (logY === -Infinity) return logX;
  if (logX === logY) return -Infinity;
  const diff = Math.expm1(logX - logY);
  // Python's math.expm1 raises OverflowError here and Opacus then returns logX.
  if (!Number.isFinite(diff)) return logX;
  return Math.log(diff) + logY;
}

// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969)
// 631-637; coefficients and interval logic of CALERF (netlib SPECFUN), about 1e-16 relative error.
// The published 18-digit coefficients are written as the doubles they round to.
const CODY_A = [
  3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315,
];
const CODY_B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const CODY_C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769,
  1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
];
const CODY_D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
  4362.619090143247, 3439.3676741437216, 1230.3393548037495,
];
const CODY_P = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378,
  0.016315387137302097,
];
const CODY_Q = [
  2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918,
];
const ONE_OVER_SQRT_PI = 0.5641895835477563;
const ERF_THRESHOLD = 0.46875;

/** erf(y) for |y| <= 0.46875 (Cody's first interval). */
function erfSmall(y: number): number {
  const ysq = Math.abs(y) > 1.11e-16 ? y * y : 0;
  let num = CODY_A[4] * ysq;
  let den = ysq;
  for (let i = 0; i < 3; i++) {
    num = (num + CODY_A[i]) * ysq;
    den = (den + CODY_B[i]) * ysq;
  }
  return (y * (num + CODY_A[3])) / (den + CODY_B[3]);
}

/** exp(y^2) * erfc(y) for y > 0.46875 (Cody's second and third intervals). */
function erfcxLarge(y: number): number {
  if (y <= 4) {
    let num = CODY_C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + CODY_C[i]) * y;
      den = (den + CODY_D[i]) * y;
    }
    return (num + CODY_C[7]) / (den + CODY_D[7]);
  }
  if (y >= 6.71e7) return ONE_OVER_SQRT_PI / y;
  const ysq = 1 / (y * y);
  let num = CODY_P[5] * ysq;
  let den = ysq;
  for (let i = 0; i < 4; i++) {
    num = (num + CODY_P[i]) * ysq;
    den = (den + CODY_Q[i]) * ysq;
  }
  const r = (ysq * (num + CODY_P[4])) / (den + CODY_Q[4]);
  return (ONE_OVER_SQRT_PI - r) / y;
}

/** exp(-y^2) computed as Cody does, splitting y^2 to keep the exponent's rounding error small. */
function expMinusSquare(y: number): number {
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  return Math.exp(-ysq * ysq) * Math.exp(-del);
}

/** Complementary error function. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  let result: number;
  if (y <= ERF_THRESHOLD) return 1 - erfSmall(x);
  if (y >= 26.543) result = 0;
  else result = expMinusSquare(y) * erfcxLarge(y);
  return x < 0 ? 2 - result : result;
}

/** Scaled complementary error function exp(x^2) * erfc(x), finite for large positive x. */
export function erfcx(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  let result: number;
  if (y <= ERF_THRESHOLD) result = Math.exp(y * y) * (1 - erfSmall(y));
  else result = erfcxLarge(y);
  if (x >= 0) return result;
  if (x < -26.628) return Infinity;
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  return 2 * Math.exp(ysq * ysq) * Math.exp(del) - result;
}

/**
 * log of the standard normal CDF, accurate far into the lower tail. Same split as SciPy's
 * special.log_ndtr (scipy/special/_faddeeva.cxx): log(erfcx(-t)/2) - t^2 below x = -1, else
 * log1p(-erfc(t)/2), with t = x / sqrt(2).
 */
export function logNdtr(x: number): number {
  const t = x * Math.SQRT1_2;
  if (x < -1) return Math.log(erfcx(-t) / 2) - t * t;
  return Math.log1p(-erfc(t) / 2);
}

/** log erfc(x); Opacus computes it as log 2 + log_ndtr(-x sqrt 2). */
export function logErfc(x: number): number {
  return Math.LN2 + logNdtr(-x * Math.SQRT2);
}

// Stirling series coefficients B_2k / (2k (2k-1)), Abramowitz & Stegun 6.1.40.
const STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
const STIRLING_MIN_X = 15;

/** sin(pi x) with exact argument reduction, so that the reflection formula keeps its accuracy. */
function sinPi(x: number): number {
  const r = x - 2 * Math.round(x / 2); // exact; r in [-1, 1]
  if (r === 0 || Math.abs(r) === 1) return 0;
  return Math.sin(Math.PI * r);
}

/**
 * log |Gamma(x)|: Stirling series for x >= 15, the recurrence Gamma(x+1) = x Gamma(x) below, and
 * the reflection formula Gamma(x) Gamma(1-x) = pi / sin(pi x) for x < 0.5 (A&S 6.1.40, 6.1.15, 6.1.17).
 * Absolute error about 1e-14 over the range the accountant uses.
 */
export function logAbsGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) return Math.log(Math.PI / Math.abs(sinPi(x))) - logAbsGamma(1 - x);
  let shift = 0;
  let product = 1;
  let z = x;
  while (z < STIRLING_MIN_X) {
    product *= z;
    z += 1;
    shift++;
  }
  const inv = 1 / z;
  const inv2 = inv * inv;
  let series = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) series = series * inv2 + STIRLING[k];
  const stirling = (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI + series * inv;
  return shift === 0 ? stirling : stirling - Math.log(product);
}

export interface LogBinomial {
  /** log |C(n, k)|; -Infinity when the coefficient is zero. */
  logAbs: number;
  sign: -1 | 0 | 1;
}

/**
 * Generalised binomial coefficient C(n, k) = n (n-1) ... (n-k+1) / k! for real n >= 0 and integer
 * k >= 0, in log space. Small k use the product (as scipy.special.binom does for k < 20, the most
 * accurate route); larger k use log-gamma, which stays finite where the product would not.
 */
export function logBinomial(n: number, k: number): LogBinomial {
  if (!Number.isInteger(k) || k < 0)
    throw new RangeError(`logBinomial: k must be a non-negative integer, got ${k}`);
  if (!(n >= 0)) throw new RangeError(`logBinomial: n must be >= 0, got ${n}`);
  const integerN = Number.isInteger(n);
  if (integerN) {
    if (k > n) return { logAbs: -Infinity, sign: 0 };
    k = Math.min(k, n - k); // symmetry keeps the product short
  }
  if (integerN || k < 20) {
    // The running quotient is C(n - k + i, i), so it only overflows when C(n, k) itself does.
    let c = 1;
    for (let i = 1; i <= k; i++) c = (c * (i + n - k)) / i;
    if (Number.isFinite(c)) return { logAbs: Math.log(Math.abs(c)), sign: c > 0 ? 1 : -1 };
  }
  // Non-integer n: the factors n - i are negative for i > n, so the sign is (-1)^(their count).
  const negativeFactors = Math.max(0, k - 1 - Math.floor(n));
  const logAbs = logAbsGamma(n + 1) - logAbsGamma(k + 1) - logAbsGamma(n - k + 1);
  return { logAbs, sign: negativeFactors % 2 === 0 ? 1 : -1 };
}
