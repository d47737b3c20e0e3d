// Averaged structured perceptron training (Collins 2002, "Discriminative training methods for hidden
// Markov models", Fig. 1 and §3.5 on averaging): decode each sentence with the current weights; on a
// mistake add the gold sequence's features and subtract the predicted one's. The averaged weights
// are kept lazily (Daumé 2006, "Practical structured learning", §2.1.1): w_avg = w - u / c, where u
// accumulates c * update and c counts the sentences seen, so no per-step pass over the whole table.
import type { SparseVector } from '../../features/sparse-vector.js';
import { Rng } from '../../random/rng.js';
import { StructuredPerceptronTagger } from './structured-perceptron.model.js';
import { iobTransitionMask, viterbiDecode } from './viterbi-decoder.js';

export interface FeaturizedSentence {
  /** One hashed feature vector per token. */
  features: readonly SparseVector[];
  tags: readonly string[];
}

export interface StructuredPerceptronOptions {
  /** Size of the hashed feature space. */
  dimension: number;
  /** Tag set; default every tag in the data, `O` first, the rest sorted. */
  tags?: readonly string[];
  /** Passes over the data, default 5. */
  epochs?: number;
  seed?: number;
  /** Decode only valid IOB sequences, in training and afterwards (default true). */
  constrainIob?: boolean;
  /** Average the weights over all steps (default true; false keeps the last weights). */
  average?: boolean;
  onEpoch?: (epoch: PerceptronEpoch) => void;
  /** Milliseconds; injected so that throughput is measured without timing the tests. */
  clock?: () => number;
}

export interface PerceptronEpoch {
  epoch: number;
  /** Training tokens the current weights got wrong during the pass. */
  tokenErrors: number;
  sentenceErrors: number;
}

export interface StructuredPerceptronReport {
  epochs: PerceptronEpoch[];
  trainingMs: number;
  sentencesPerSecond: number;
  tokensPerSecond: number;
}

export function defaultTagOrder(sentences: readonly FeaturizedSentence[]): string[] {
  const seen = new Set<string>();
  for (const s of sentences) for (const t of s.tags) seen.add(t);
  return [...seen].sort((a, b) => (a === 'O' ? -1 : b === 'O' ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

export function trainStructuredPerceptron(
  sentences: readonly FeaturizedSentence[],
  options: StructuredPerceptronOptions,
): { model: StructuredPerceptronTagger; report: StructuredPerceptronReport } {
  const { dimension } = options;
  const epochs = options.epochs ?? 5;
  if (!(Number.isInteger(epochs) && epochs >= 1)) throw new RangeError(`epochs must be >= 1, got ${epochs}`);
  if (!(Number.isInteger(dimension) && dimension >= 1)) throw new RangeError(`bad dimension ${dimension}`);
  const tags = options.tags ? [...options.tags] : defaultTagOrder(sentences);
  const tagIndex = new Map(tags.map((t, k) => [t, k]));
  const K = tags.length;
  const gold = sentences.map((s, i) => {
    if (s.features.length !== s.tags.length) throw new RangeError(`sentence ${i}: ${s.features.length} feature vectors, ${s.tags.length} tags`);
    for (const x of s.features)
      for (let n = 0; n < x.indices.length; n++)
        if (!(x.indices[n] >= 0 && x.indices[n] < dimension))
          throw new RangeError(`sentence ${i}: feature index ${x.indices[n]} outside [0, ${dimension})`);
    return Int32Array.from(s.tags, (t) => {
      const k = tagIndex.get(t);
      if (k === undefined) throw new RangeError(`sentence ${i}: tag ${t} is not in the tag set`);
      return k;
    });
  });
  const constrainIob = options.constrainIob ?? true;
  const allowed = constrainIob ? iobTransitionMask(tags) : undefined;
  const clock = options.clock ?? (() => performance.now());
  const rng = new Rng(options.seed ?? 0);

  const w = new Float64Array(dimension * K);
  const u = new Float64Array(dimension * K);
  const trans = new Float64Array((K + 1) * K);
  const transU = new Float64Array((K + 1) * K);
  let c = 1;
  const order = Array.from(sentences, (_, i) => i);
  const history: PerceptronEpoch[] = [];
  let tokensSeen = 0;
  const started = clock();

  const updateToken = (x: SparseVector, tag: number, sign: number): void => {
    for (let n = 0; n < x.indices.length; n++) {
      const o = x.indices[n] * K + tag;
      const d = sign * x.values[n];
      w[o] += d;
      u[o] += c * d;
    }
  };

  for (let epoch = 1; epoch <= epochs; epoch++) {
    rng.shuffle(order);
    let tokenErrors = 0;
    let sentenceErrors = 0;
    for (const i of order) {
      const { features } = sentences[i];
      const y = gold[i];
      const T = y.length;
      tokensSeen += T;
      const emissions = new Float64Array(T * K);
      for (let t = 0; t < T; t++) {
        const x = features[t];
        for (let n = 0; n < x.indices.length; n++) {
          const row = x.indices[n] * K;
          const v = x.values[n];
          for (let k = 0; k < K; k++) emissions[t * K + k] += v * w[row + k];
        }
      }
      const predicted = viterbiDecode(emissions, T, K, trans, allowed).tags;
      let errors = 0;
      for (let t = 0; t < T; t++) if (predicted[t] !== y[t]) errors++;
      if (errors > 0) {
        tokenErrors += errors;
        sentenceErrors++;
        for (let t = 0; t < T; t++) {
          if (predicted[t] !== y[t]) {
            updateToken(features[t], y[t], 1);
            updateToken(features[t], predicted[t], -1);
          }
          const goldPair = (t === 0 ? K : y[t - 1]) * K + y[t];
          const predictedPair = (t === 0 ? K : predicted[t - 1]) * K + predicted[t];
          if (goldPair !== predictedPair) {
            trans[goldPair] += 1;
            transU[goldPair] += c;
            trans[predictedPair] -= 1;
            transU[predictedPair] -= c;
          }
        }
      }
      c++;
    }
    const summary = { epoch, tokenErrors, sentenceErrors };
    history.push(summary);
    options.onEpoch?.(summary);
  }
  const average = options.average ?? true;
  const weights = Float32Array.from(w, (v, k) => (average ? v - u[k] / c : v));
  const transitions = Float32Array.from(trans, (v, k) => (average ? v - transU[k] / c : v));
  const trainingMs = clock() - started;
  const model = new StructuredPerceptronTagger(tags, dimension, weights, transitions, constrainIob);
  const perSecond = (count: number): number => (trainingMs > 0 ? (count * 1000) / trainingMs : NaN);
  return {
    model,
    report: {
      epochs: history,
      trainingMs,
      sentencesPerSecond: perSecond(sentences.length * epochs),
      tokensPerSecond: perSecond(tokensSeen),
    },
  };
}
