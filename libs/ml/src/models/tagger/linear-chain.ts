// Linear-chain decoding over per-token emission scores plus label-transition scores: Viterbi for
// the best path, forward-backward for per-token marginals (Lafferty, McCallum & Pereira 2001, "Conditional
// random fields"; Rabiner 1989 for the recursions). Disallowed transitions carry -Infinity.
// Layout: emissions row-major [tokens x labels], transitions [from x to] plus start and end scores
// (what the NER and de-identification cards store). The one Viterbi of the codebase: the trainers
// decode with it and so does serving (NerTagger); ties go to the lower label index.

export interface TransitionScores {
  labels: number;
  /** [from * labels + to] */
  pair: Float64Array | Float32Array;
  start: Float64Array | Float32Array;
  end: Float64Array | Float32Array;
}

export function viterbiDecode(emissions: ArrayLike<number>, length: number, t: TransitionScores): Int32Array {
  const n = t.labels;
  const path = new Int32Array(length);
  if (length === 0) return path;
  let score = new Float64Array(n);
  let next = new Float64Array(n);
  const back = new Int32Array(length * n);
  for (let y = 0; y < n; y++) score[y] = t.start[y] + emissions[y];
  for (let k = 1; k < length; k++) {
    for (let y = 0; y < n; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let x = 0; x < n; x++) {
        const s = score[x] + t.pair[x * n + y];
        if (s > best) {
          best = s;
          arg = x;
        }
      }
      next[y] = best + emissions[k * n + y];
      back[k * n + y] = arg;
    }
    [score, next] = [next, score];
  }
  let best = -Infinity;
  let arg = 0;
  for (let y = 0; y < n; y++) {
    const s = score[y] + t.end[y];
    if (s > best) {
      best = s;
      arg = y;
    }
  }
  path[length - 1] = arg;
  for (let k = length - 1; k > 0; k--) path[k - 1] = back[k * n + path[k]];
  return path;
}

function logSumExp(values: Float64Array, count: number): number {
  let max = -Infinity;
  for (let i = 0; i < count; i++) if (values[i] > max) max = values[i];
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (let i = 0; i < count; i++) s += Math.exp(values[i] - max);
  return max + Math.log(s);
}

export interface ForwardBackward {
  logPartition: number;
  /** log alpha [tokens x labels] */
  alpha: Float64Array;
  /** log beta [tokens x labels] */
  beta: Float64Array;
}

export function forwardBackward(
  emissions: ArrayLike<number>,
  length: number,
  t: TransitionScores,
): ForwardBackward {
  const n = t.labels;
  const alpha = new Float64Array(length * n);
  const beta = new Float64Array(length * n);
  const tmp = new Float64Array(n);
  for (let y = 0; y < n; y++) alpha[y] = t.start[y] + emissions[y];
  for (let k = 1; k < length; k++) {
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) tmp[x] = alpha[(k - 1) * n + x] + t.pair[x * n + y];
      alpha[k * n + y] = logSumExp(tmp, n) + emissions[k * n + y];
    }
  }
  for (let y = 0; y < n; y++) beta[(length - 1) * n + y] = t.end[y];
  for (let k = length - 2; k >= 0; k--) {
    for (let x = 0; x < n; x++) {
      for (let y = 0; y < n; y++)
        tmp[y] = t.pair[x * n + y] + emissions[(k + 1) * n + y] + beta[(k + 1) * n + y];
      beta[k * n + x] = logSumExp(tmp, n);
    }
  }
  for (let y = 0; y < n; y++) tmp[y] = alpha[(length - 1) * n + y] + t.end[y];
  return { logPartition: length > 0 ? logSumExp(tmp, n) : 0, alpha, beta };
}

/** P(label_k = y | sentence) for every token and label, [tokens x labels]. */
export function tokenMarginals(
  emissions: ArrayLike<number>,
  length: number,
  t: TransitionScores,
): Float64Array {
  const n = t.labels;
  const { logPartition, alpha, beta } = forwardBackward(emissions, length, t);
  const out = new Float64Array(length * n);
  for (let i = 0; i < length * n; i++) out[i] = Math.exp(alpha[i] + beta[i] - logPartition);
  return out;
}
