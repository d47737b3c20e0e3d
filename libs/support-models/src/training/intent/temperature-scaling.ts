// Temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural Networks", §4.2): one scalar
// T divides every logit; T is fitted by minimising the negative log-likelihood on held-out data. The
// argmax, hence accuracy, is unchanged; only the confidences move.

/** Softmax of logits / temperature, written into `out`. */
export function temperedSoftmax(
  logits: ArrayLike<number>,
  temperature: number,
  out: Float64Array,
): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < logits.length; k++) max = Math.max(max, logits[k]);
  let sum = 0;
  for (let k = 0; k < logits.length; k++) {
    out[k] = Math.exp((logits[k] - max) / temperature);
    sum += out[k];
  }
  for (let k = 0; k < logits.length; k++) out[k] /= sum;
  return out;
}

export function meanNegativeLogLikelihood(
  logits: readonly ArrayLike<number>[],
  labels: readonly number[],
  temperature: number,
): number {
  if (logits.length === 0 || logits.length !== labels.length) throw new RangeError('need one label per row');
  const p = new Float64Array(logits[0].length);
  let total = 0;
  logits.forEach((row, i) => {
    temperedSoftmax(row, temperature, p);
    total -= Math.log(Math.max(p[labels[i]], 1e-12));
  });
  return total / logits.length;
}

/**
 * The temperature in [low, high] with the smallest NLL, by golden-section search on log T (the NLL
 * is unimodal in T for a fixed set of logits).
 */
export function fitTemperature(
  logits: readonly ArrayLike<number>[],
  labels: readonly number[],
  options: { low?: number; high?: number; tolerance?: number } = {},
): number {
  let a = Math.log(options.low ?? 0.05);
  let b = Math.log(options.high ?? 20);
  const tolerance = options.tolerance ?? 1e-4;
  const ratio = (Math.sqrt(5) - 1) / 2;
  const nll = (logT: number) => meanNegativeLogLikelihood(logits, labels, Math.exp(logT));
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = nll(c);
  let fd = nll(d);
  while (b - a > tolerance) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = nll(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = nll(d);
    }
  }
  return Math.exp((a + b) / 2);
}
