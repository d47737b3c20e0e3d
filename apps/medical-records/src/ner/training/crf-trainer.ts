// Linear-chain CRF trained by AdaGrad (Duchi, Hazan & Singer 2011) on the log-likelihood, one
// sentence per step, with L2 applied to the rows a sentence touches (lazy regularisation, as
// sparse SGD implementations do). Returns the same TaggerWeights as the perceptron.
import { Rng } from '@suite/ml';
import { maskedTransitions, emissionsOf, type TaggerWeights } from './tagger-weights.js';
import { accumulateFeatureGradient, crfSentenceGradient } from './crf-gradient.js';
import type { TaggingExample } from './structured-perceptron.js';

export interface CrfOptions {
  labels: number;
  rows: number;
  epochs: number;
  seed: number;
  learningRate: number;
  l2: number;
  mask: { pair: Uint8Array; start: Uint8Array; end: Uint8Array };
  onEpoch?: (epoch: number, weights: TaggerWeights, loss: number) => void;
}

export function trainCrf(examples: readonly TaggingExample[], options: CrfOptions): TaggerWeights {
  const { labels: n, rows, mask, learningRate: lr, l2 } = options;
  const emission = new Float32Array(rows * n);
  const g2 = new Float32Array(rows * n);
  const pair = new Float64Array(n * n);
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const tg2 = { pair: new Float64Array(n * n), start: new Float64Array(n), end: new Float64Array(n) };
  const weights: TaggerWeights = { labels: n, rows, emission, transitions: { labels: n, pair, start, end } };
  const rng = new Rng(options.seed);
  const order = examples.map((_, i) => i);
  const EPS = 1e-8;
  const step = (
    w: Float32Array | Float64Array,
    acc: Float32Array | Float64Array,
    i: number,
    g: number,
  ): void => {
    acc[i] += g * g;
    w[i] += (lr * g) / Math.sqrt(acc[i] + EPS);
  };
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    rng.shuffle(order);
    let total = 0;
    for (const idx of order) {
      const { features: x, labels: gold } = examples[idx];
      if (x.length === 0) continue;
      const grad = crfSentenceGradient(
        emissionsOf(weights, x),
        x.length,
        gold,
        maskedTransitions(weights.transitions, mask),
      );
      total += grad.loss;
      const rowsGrad = new Map<number, Float64Array>();
      accumulateFeatureGradient(x, grad.emission, n, rows, rowsGrad);
      for (const [row, g] of rowsGrad) {
        for (let y = 0; y < n; y++) {
          const i = row * n + y;
          step(emission, g2, i, g[y] - l2 * emission[i]);
        }
      }
      for (let i = 0; i < n * n; i++) if (mask.pair[i]) step(pair, tg2.pair, i, grad.pair[i]);
      for (let y = 0; y < n; y++) {
        if (mask.start[y]) step(start, tg2.start, y, grad.start[y]);
        if (mask.end[y]) step(end, tg2.end, y, grad.end[y]);
      }
    }
    options.onEpoch?.(epoch, weights, total);
  }
  return weights;
}
