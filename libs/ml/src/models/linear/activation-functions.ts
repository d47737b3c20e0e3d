// Numerically stable output activations shared by the models, the losses and the tests.

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(sigmoid(z)) = -softplus(-z), without overflow for large |z|. */
export function logSigmoid(z: number): number {
  return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
}

export function logSumExp(z: ArrayLike<number>, scale = 1): number {
  let max = -Infinity;
  for (let k = 0; k < z.length; k++) max = Math.max(max, z[k] * scale);
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (let k = 0; k < z.length; k++) s += Math.exp(z[k] * scale - max);
  return max + Math.log(s);
}

/** out = softmax(z * scale); out may be z itself. */
export function softmaxInto(z: ArrayLike<number>, out: Float64Array, scale = 1): Float64Array {
  const lse = logSumExp(z, scale);
  for (let k = 0; k < z.length; k++) out[k] = Math.exp(z[k] * scale - lse);
  return out;
}

/** The probability row the ONNX export outputs: [P(y=1)] for one logit, softmax for several. */
export function probabilitiesFromLogits(logits: Float64Array): Float64Array {
  if (logits.length === 1) return Float64Array.of(sigmoid(logits[0]));
  return softmaxInto(logits, new Float64Array(logits.length));
}
