// Test support (not exported from the lib): central finite differences over a model's parameters,
// the reference the analytic per-example and batch gradients are checked against.
import type { ParameterSet } from '../src/optim/parameter-set.js';

/** d lossAt / d params[i] by central differences, for every parameter (small models only). */
export function finiteDifferenceGradient(
  params: ParameterSet,
  lossAt: () => number,
  eps = 1e-5,
): Float64Array {
  const v = params.values;
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const keep = v[i];
    v[i] = keep + eps;
    const up = lossAt();
    v[i] = keep - eps;
    const down = lossAt();
    v[i] = keep;
    out[i] = (up - down) / (2 * eps);
  }
  return out;
}

/** Largest |a - b| / (atol + rtol * |b|) over coordinates; <= 1 means they agree. */
export function worstGradientMismatch(
  analytic: ArrayLike<number>,
  numeric: ArrayLike<number>,
  atol = 1e-7,
  rtol = 1e-5,
): number {
  let worst = 0;
  for (let i = 0; i < numeric.length; i++)
    worst = Math.max(worst, Math.abs(analytic[i] - numeric[i]) / (atol + rtol * Math.abs(numeric[i])));
  return worst;
}
