// Platt scaling (Platt 1999): P(y = 1) = sigmoid(a * logit + b), a and b fitted by Newton's method on a
// held-out split. With a > 0 it keeps the ranking (AUC) and the monotonicity of the raw model; for a
// linear model it folds into the weights (libs/risk-models' scorecard), so the served graph outputs
// calibrated probabilities directly.
// Targets are smoothed as Platt recommends: (N+ + 1) / (N+ + 2) and 1 / (N- + 2).

export interface PlattParameters {
  a: number;
  b: number;
}

export function fitPlattScaling(logits: ArrayLike<number>, labels: ArrayLike<number>): PlattParameters {
  const n = logits.length;
  if (n === 0 || labels.length !== n) throw new RangeError('one label per logit, at least one');
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i];
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (n - positives + 2);
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    // Gradient and Hessian of the log loss in (a, b).
    let ga = 0;
    let gb = 0;
    let haa = 1e-12;
    let hab = 0;
    let hbb = 1e-12;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(a * logits[i] + b)));
      const t = labels[i] === 1 ? hi : lo;
      const d = p - t;
      const w = p * (1 - p);
      ga += d * logits[i];
      gb += d;
      haa += w * logits[i] * logits[i];
      hab += w * logits[i];
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  if (!(a > 0)) throw new Error(`Platt scaling gave a non-positive slope (${a}): the model ranks backwards`);
  return { a, b };
}
