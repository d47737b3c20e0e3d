// First-order Viterbi decoding (Viterbi 1967; the inference step of Collins 2002 and of linear-chain
// CRFs) over emission scores [tokens, tags] and a transition table [tags + 1, tags]: row `from` <
// tags holds scores for tag `from` followed by tag `to`, the last row holds the scores of starting a
// sentence with `to`. A sequence scores start[y0] + sum_t emission[t, y_t] + sum_t trans[y_t-1, y_t].
// An optional `allowed` mask of the same shape forbids transitions outright (IOB: no I-X after O).

export interface ViterbiPath {
  tags: Int32Array;
  score: number;
}

/** Highest-scoring tag sequence; ties go to the lower tag index. */
export function viterbiDecode(
  emissions: ArrayLike<number>,
  tokenCount: number,
  tagCount: number,
  transitions: ArrayLike<number>,
  allowed?: Uint8Array,
): ViterbiPath {
  const K = tagCount;
  if (emissions.length < tokenCount * K) throw new RangeError(`need ${tokenCount * K} emission scores, got ${emissions.length}`);
  if (transitions.length !== (K + 1) * K) throw new RangeError(`transitions must be [${K + 1}, ${K}]`);
  if (allowed && allowed.length !== (K + 1) * K) throw new RangeError(`allowed mask must be [${K + 1}, ${K}]`);
  if (tokenCount === 0) return { tags: new Int32Array(0), score: 0 };
  const score = new Float64Array(tokenCount * K);
  const back = new Int32Array(tokenCount * K);
  const start = K * K;
  for (let k = 0; k < K; k++)
    score[k] = allowed && !allowed[start + k] ? -Infinity : transitions[start + k] + emissions[k];
  for (let t = 1; t < tokenCount; t++) {
    const prev = (t - 1) * K;
    for (let k = 0; k < K; k++) {
      let best = -Infinity;
      let arg = 0;
      for (let j = 0; j < K; j++) {
        if (allowed && !allowed[j * K + k]) continue;
        const s = score[prev + j] + transitions[j * K + k];
        if (s > best) {
          best = s;
          arg = j;
        }
      }
      score[t * K + k] = best + emissions[t * K + k];
      back[t * K + k] = arg;
    }
  }
  const last = (tokenCount - 1) * K;
  let bestTag = 0;
  for (let k = 1; k < K; k++) if (score[last + k] > score[last + bestTag]) bestTag = k;
  const tags = new Int32Array(tokenCount);
  tags[tokenCount - 1] = bestTag;
  for (let t = tokenCount - 1; t > 0; t--) tags[t - 1] = back[t * K + tags[t]];
  return { tags, score: score[last + bestTag] };
}

/** Score of one tag sequence under the same model (for checks and perceptron margins). */
export function sequenceScore(
  emissions: ArrayLike<number>,
  tagCount: number,
  transitions: ArrayLike<number>,
  tags: ArrayLike<number>,
): number {
  let s = 0;
  for (let t = 0; t < tags.length; t++) {
    const from = t === 0 ? tagCount : tags[t - 1];
    s += transitions[from * tagCount + tags[t]] + emissions[t * tagCount + tags[t]];
  }
  return s;
}

/**
 * Allowed-transition mask for IOB2 tags (`O`, `B-X`, `I-X`): I-X may only follow B-X or I-X, so it
 * can neither start a sentence nor follow O or another type. Tags without a B-/I- prefix are free.
 */
export function iobTransitionMask(tags: readonly string[]): Uint8Array {
  const K = tags.length;
  const mask = new Uint8Array((K + 1) * K).fill(1);
  const parsed = tags.map((t) => /^([BI])-(.+)$/.exec(t));
  for (let to = 0; to < K; to++) {
    const target = parsed[to];
    if (!target || target[1] !== 'I') continue;
    for (let from = 0; from <= K; from++) {
      const source = from < K ? parsed[from] : null;
      mask[from * K + to] = source && source[2] === target[2] ? 1 : 0;
    }
  }
  return mask;
}
