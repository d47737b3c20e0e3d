// DP-SGD for the linear-chain CRF (Abadi et al. 2016, "Deep learning with differential privacy"):
// Poisson sampling of sentences at rate q, per-sentence gradients clipped to L2 norm C, Gaussian
// noise N(0, sigma^2 C^2) added to every coordinate of the summed gradient (emission parameters and
// transitions alike), division by the expected batch size q*N, then an optimiser step (post-
// processing, so it costs no privacy; so do the moving average of the iterates and the export).
// The unit of privacy is one sentence. Privacy is accounted by the RDP accountant of the sampled
// Gaussian (Mironov, Talwar & Zhang 2019) with Opacus' orders; sigma is the smallest that keeps
// the planned steps within the target epsilon, and the run fails rather than exceed it.
// Steps are ceil(epochs / q); sampling is poissonBatch (one coin flip per sentence, in order) on the
// main stream, the noise from a fork of it: what bc5cdr-dp was trained with (kept bit for bit).
import { findNoiseMultiplier, RdpAccountant } from '../../dp/rdp-accountant.js';
import { adamStep, adamUpdate } from '../../optim/adam.optimizer.js';
import { momentumUpdate } from '../../optim/sgd.optimizer.js';
import { Rng } from '../../random/rng.js';
import { poissonBatch } from '../../training/batch-sampling.js';
import { accumulateFeatureGradient, crfSentenceGradient } from './crf-gradient.js';
import {
  emissionsOf,
  maskedTransitions,
  type TaggerWeights,
  type TaggingExample,
  type TransitionMask,
} from './tagger-weights.js';

export interface DpSgdOptions {
  labels: number;
  rows: number;
  epochs: number;
  sampleRate: number;
  clipNorm: number;
  targetEpsilon: number;
  delta: number;
  learningRate: number;
  /** Adam adapts per coordinate, which scales pure-noise coordinates up as much as signal ones;
   * heavy-ball momentum SGD leaves them at the noise's own (small) scale. */
  optimizer: 'adam' | 'momentum';
  /** Exponential moving average of the iterates (0: off); free post-processing (De et al. 2022). */
  emaDecay: number;
  /**
   * Emission parameters shared across labels: label y scores sum of parameter columns ofLabel[y]
   * (see TagScheme.tiedColumns). Default: one column per label.
   */
  tied?: { columns: number; ofLabel: number[][] };
  seed: number;
  mask: TransitionMask;
  onEpoch?: (epoch: number, weights: TaggerWeights, epsilonSoFar: number) => void;
}

export interface DpPrivacySpent {
  epsilon: number;
  delta: number;
  noiseMultiplier: number;
  sampleRate: number;
  steps: number;
  clipNorm: number;
}

export interface DpSgdResult {
  weights: TaggerWeights;
  privacy: DpPrivacySpent;
}

// The search costs a few hundred accountant evaluations; same inputs, same answer.
const noiseMultipliers = new Map<string, number>();
function noiseMultiplierFor(targetEpsilon: number, sampleRate: number, steps: number, delta: number): number {
  const key = `${targetEpsilon}|${sampleRate}|${steps}|${delta}`;
  let sigma = noiseMultipliers.get(key);
  if (sigma === undefined) {
    sigma = findNoiseMultiplier({ targetEpsilon, sampleRate, steps, delta });
    noiseMultipliers.set(key, sigma);
  }
  return sigma;
}

const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
const MOMENTUM = 0.9;

export function trainCrfWithDpSgd(examples: readonly TaggingExample[], options: DpSgdOptions): DpSgdResult {
  const { labels: n, rows, mask, sampleRate: q, clipNorm: C, delta } = options;
  if (!(q > 0 && q <= 1)) throw new RangeError(`sample rate must be in (0, 1], got ${q}`);
  if (!(C > 0 && Number.isFinite(C))) throw new RangeError(`clip norm must be finite and > 0, got ${C}`);
  if (!(options.epochs > 0)) throw new RangeError(`epochs must be > 0, got ${options.epochs}`);
  if (examples.length === 0) throw new RangeError('no training examples');
  const tied = options.tied ?? { columns: n, ofLabel: Array.from({ length: n }, (_, y) => [y]) };
  const p = tied.columns;
  const steps = Math.ceil(options.epochs / q);
  // The noise that spends at most the target over all planned steps (Opacus' make_private_with_epsilon).
  const sigma = noiseMultiplierFor(options.targetEpsilon, q, steps, delta);
  const accountant = new RdpAccountant();
  const dim = rows * p;
  // Transitions packed as [pair | start | end]; only allowed ones are parameters.
  const free = [...mask.pair, ...mask.start, ...mask.end];
  const tdim = free.length;
  const theta = new Float32Array(dim);
  const trans = new Float64Array(tdim);
  const emaTheta = new Float32Array(dim);
  const emaTrans = new Float64Array(tdim);
  const m = new Float32Array(dim);
  const v = options.optimizer === 'adam' ? new Float32Array(dim) : undefined;
  const tm = new Float64Array(tdim);
  const tv = new Float64Array(tdim);
  const grad = new Float32Array(dim);
  const tgrad = new Float64Array(tdim);
  const emission = new Float32Array(rows * n);
  const rng = new Rng(options.seed);
  const noiseRng = rng.fork();
  const expectedBatch = q * examples.length;
  const stepsPerEpoch = Math.round(1 / q);

  const weightsOf = (th: Float32Array, tr: Float64Array): TaggerWeights => {
    const e = th === theta ? emission : new Float32Array(rows * n);
    for (let r = 0; r < rows; r++) {
      for (let y = 0; y < n; y++) {
        let s = 0;
        for (const c of tied.ofLabel[y]) s += th[r * p + c];
        e[r * n + y] = s;
      }
    }
    return {
      labels: n,
      rows,
      emission: e,
      transitions: {
        labels: n,
        pair: tr.slice(0, n * n),
        start: tr.slice(n * n, n * n + n),
        end: tr.slice(n * n + n),
      },
    };
  };
  const published = (): TaggerWeights =>
    options.emaDecay > 0 ? weightsOf(emaTheta, emaTrans) : weightsOf(theta, trans);

  let weights = weightsOf(theta, trans);
  for (let t = 1; t <= steps; t++) {
    grad.fill(0);
    tgrad.fill(0);
    const transitions = maskedTransitions(weights.transitions, mask);
    for (const i of poissonBatch(examples.length, q, rng)) {
      const { features: x, labels: gold } = examples[i];
      if (x.length === 0) continue;
      const g = crfSentenceGradient(emissionsOf(weights, x), x.length, gold, transitions);
      const labelRows = new Map<number, Float64Array>();
      accumulateFeatureGradient(x, g.emission, n, rows, labelRows);
      const paramRows = new Map<number, Float64Array>();
      let sq = 0;
      for (const [row, gy] of labelRows) {
        const gp = new Float64Array(p);
        for (let y = 0; y < n; y++) for (const c of tied.ofLabel[y]) gp[c] += gy[y];
        for (let c = 0; c < p; c++) sq += gp[c] * gp[c];
        paramRows.set(row, gp);
      }
      const gt = [...g.pair, ...g.start, ...g.end];
      for (let i = 0; i < tdim; i++) if (free[i]) sq += gt[i] * gt[i];
      const scale = Math.min(1, C / (Math.sqrt(sq) + 1e-12));
      // The loss is the negative log-likelihood: accumulate its gradient, minus the likelihood's.
      for (const [row, gp] of paramRows) for (let c = 0; c < p; c++) grad[row * p + c] -= scale * gp[c];
      for (let i = 0; i < tdim; i++) if (free[i]) tgrad[i] -= scale * gt[i];
    }
    // Noise on every coordinate, touched or not: that is what makes the release private.
    const std = sigma * C;
    for (let i = 0; i < dim; i++) grad[i] = (grad[i] + std * noiseRng.normal()) / expectedBatch;
    for (let i = 0; i < tdim; i++)
      tgrad[i] = free[i] ? (tgrad[i] + std * noiseRng.normal()) / expectedBatch : 0;
    accountant.step(sigma, q);

    if (v) {
      // Adam in the order of computation of Kingma & Ba's §2 (adam.optimizer.ts), no L2 term.
      const scales = adamStep('efficient', ADAM, options.learningRate, t);
      adamUpdate(theta, grad, m, v, 0, dim, scales);
      adamUpdate(trans, tgrad, tm, tv, 0, tdim, scales);
    } else {
      momentumUpdate(theta, grad, m, 0, dim, MOMENTUM, options.learningRate);
      momentumUpdate(trans, tgrad, tm, 0, tdim, MOMENTUM, options.learningRate);
    }
    if (options.emaDecay > 0) {
      // Warm-up as TensorFlow's ExponentialMovingAverage(num_updates): early averages move fast.
      const d = Math.min(options.emaDecay, (1 + t) / (10 + t));
      for (let i = 0; i < dim; i++) emaTheta[i] = d * emaTheta[i] + (1 - d) * theta[i];
      for (let i = 0; i < tdim; i++) emaTrans[i] = d * emaTrans[i] + (1 - d) * trans[i];
    }
    weights = weightsOf(theta, trans);
    if (t % stepsPerEpoch === 0 || t === steps)
      options.onEpoch?.(Math.round(t / stepsPerEpoch), published(), accountant.getEpsilon(delta));
  }
  const epsilon = accountant.getEpsilon(delta);
  if (epsilon > options.targetEpsilon)
    throw new Error(`DP-SGD would report epsilon ${epsilon}, above the requested ${options.targetEpsilon}`);
  return {
    weights: published(),
    privacy: { epsilon, delta, noiseMultiplier: sigma, sampleRate: q, steps, clipNorm: C },
  };
}
