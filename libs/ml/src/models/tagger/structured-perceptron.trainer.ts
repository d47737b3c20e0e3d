// Averaged structured perceptron for linear-chain tagging (Collins 2002, "Discriminative training
// methods for hidden Markov models"), with the lazy averaging trick of Daumé (2006): keep w and
// u = sum of c * update, and the average is w - u / c. Decoding is constrained to valid BIOES paths.
// Transitions are a [from x to] table plus start and end scores (linear-chain.ts), the layout the
// shipped NER and de-identification cards store.
import { Rng } from '../../random/rng.js';
import { viterbiDecode } from './linear-chain.js';
import {
  emissionsOf,
  maskedTransitions,
  type TaggerWeights,
  type TaggingExample,
  type TransitionMask,
} from './tagger-weights.js';

export interface PerceptronOptions {
  labels: number;
  /** Rows of the hashed feature space; ids at or above are padding. */
  rows: number;
  epochs: number;
  seed: number;
  mask: TransitionMask;
  onEpoch?: (epoch: number, weights: TaggerWeights) => void;
}

export function trainStructuredPerceptron(
  examples: readonly TaggingExample[],
  options: PerceptronOptions,
): TaggerWeights {
  const { labels: n, rows, mask } = options;
  if (!(Number.isInteger(options.epochs) && options.epochs >= 1))
    throw new RangeError(`epochs must be an integer >= 1, got ${options.epochs}`);
  if (!(Number.isInteger(rows) && rows >= 1)) throw new RangeError(`rows must be an integer >= 1, got ${rows}`);
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`labels must be an integer >= 1, got ${n}`);
  examples.forEach(({ features, labels }, i) => {
    if (labels.length !== features.length)
      throw new RangeError(`example ${i}: ${features.length} tokens, ${labels.length} labels`);
    for (const y of labels) if (!(y >= 0 && y < n)) throw new RangeError(`example ${i}: label ${y} outside [0, ${n})`);
  });
  const w = new Float32Array(rows * n);
  const u = new Float32Array(rows * n);
  const tw = { pair: new Float64Array(n * n), start: new Float64Array(n), end: new Float64Array(n) };
  const tu = { pair: new Float64Array(n * n), start: new Float64Array(n), end: new Float64Array(n) };
  let c = 1;
  const rng = new Rng(options.seed);
  const order = examples.map((_, i) => i);
  const current = (): TaggerWeights => ({
    labels: n,
    rows,
    emission: w,
    transitions: { labels: n, pair: tw.pair, start: tw.start, end: tw.end },
  });
  const averaged = (): TaggerWeights => ({
    labels: n,
    rows,
    emission: Float32Array.from(w, (v, i) => v - u[i] / c),
    transitions: {
      labels: n,
      pair: tw.pair.map((v, i) => v - tu.pair[i] / c),
      start: tw.start.map((v, i) => v - tu.start[i] / c),
      end: tw.end.map((v, i) => v - tu.end[i] / c),
    },
  });
  const bump = (
    a: Float64Array | Float32Array,
    b: Float64Array | Float32Array,
    i: number,
    d: number,
  ): void => {
    a[i] += d;
    b[i] += c * d;
  };
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    rng.shuffle(order);
    for (const idx of order) {
      const { features: x, labels: gold } = examples[idx];
      if (x.length === 0) continue;
      const weights = current();
      const path = viterbiDecode(
        emissionsOf(weights, x),
        x.length,
        maskedTransitions(weights.transitions, mask),
      );
      let same = true;
      for (let k = 0; k < x.length && same; k++) same = path[k] === gold[k];
      if (!same) {
        for (let k = 0; k < x.length; k++) {
          if (path[k] !== gold[k]) {
            const base = k * x.maxFeatures;
            for (let f = 0; f < x.counts[k]; f++) {
              const id = x.ids[base + f];
              if (id >= rows) continue;
              bump(w, u, id * n + gold[k], 1);
              bump(w, u, id * n + path[k], -1);
            }
          }
          if (k > 0 && (path[k] !== gold[k] || path[k - 1] !== gold[k - 1])) {
            bump(tw.pair, tu.pair, gold[k - 1] * n + gold[k], 1);
            bump(tw.pair, tu.pair, path[k - 1] * n + path[k], -1);
          }
        }
        if (path[0] !== gold[0]) {
          bump(tw.start, tu.start, gold[0], 1);
          bump(tw.start, tu.start, path[0], -1);
        }
        const last = x.length - 1;
        if (path[last] !== gold[last]) {
          bump(tw.end, tu.end, gold[last], 1);
          bump(tw.end, tu.end, path[last], -1);
        }
      }
      c++;
    }
    options.onEpoch?.(epoch, averaged());
  }
  return averaged();
}
