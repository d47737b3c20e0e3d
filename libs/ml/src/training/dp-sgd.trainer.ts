// DP-SGD (Abadi et al. 2016, Algorithm 1) as Opacus runs it: Poisson sampling with rate q, analytic
// per-example gradients clipped to norm C over all parameters with min(1, C / (||g|| + 1e-6)), their
// sum plus N(0, (sigma C)^2) on every coordinate, divided by the expected batch size q N;
// steps = floor(epochs / q). Privacy is accounted by the RDP accountant (Mironov et al. 2019).
// There is no early stopping here: picking an epoch by a metric on private data is not accounted.
import { RdpAccountant, type MechanismStep } from '../dp/rdp-accountant.js';
import { GradientBuffer } from '../optim/gradient-buffer.js';
import type { Optimizer, OptimizerConfig } from '../optim/optimizer.js';
import {
  silentProgress,
  type EpochSummary,
  type TrainingProgressListener,
} from '../progress/training-progress.js';
import { accumulateClippedGradients, addGaussianNoise } from './batch-gradient.js';
import { poissonBatch, shuffledBatches, trainingStreams } from './batch-sampling.js';
import { crossEntropyLoss } from './classification-loss.js';
import { devLogLoss, type DevMetric } from './classifier-evaluation.js';
import { ExampleGradient } from './example-gradient.js';
import { resolveLearningRate, resolveOptimizer, type LearningRateSetting } from './minibatch-trainer.js';
import type { ClassificationLoss, TrainableClassifier, TrainingExample } from './trainable-classifier.js';

export interface DpSgdOptions {
  /** Poisson sampling rate q (expected batch size q N). */
  sampleRate: number;
  epochs: number;
  noiseMultiplier: number;
  /** Per-example clipping bound C; Infinity disables clipping. */
  maxGradNorm: number;
  delta: number;
  seed: number;
  /** Default plain SGD, as in the DP-SGD paper. */
  optimizer?: OptimizerConfig | Optimizer;
  learningRate?: LearningRateSetting;
  loss?: ClassificationLoss;
  /**
   * 'poisson' (default) is what the accountant assumes. 'shuffled' draws fixed batches of
   * round(q N) exactly as trainClassifier does and divides by the actual batch size; it exists to
   * compare with non-private training, and its epsilon is not a guarantee.
   */
  sampling?: 'poisson' | 'shuffled';
  dev?: readonly TrainingExample[];
  devMetric?: DevMetric;
  progress?: TrainingProgressListener;
  label?: string;
  clock?: () => number;
}

export interface DpSgdReport {
  epochs: EpochSummary[];
  steps: number;
  epsilon: number;
  /** RDP order at which epsilon was attained. */
  order: number;
  delta: number;
  noiseMultiplier: number;
  sampleRate: number;
  maxGradNorm: number;
  sampling: 'poisson' | 'shuffled';
  /** The accountant's history, to store in a model card and recompute epsilon from. */
  privacyHistory: MechanismStep[];
  /** Share of per-example gradients that were clipped. */
  clippedShare: number;
  examplesSeen: number;
  trainingMs: number;
  examplesPerSecond: number;
}

export function trainWithDpSgd(
  model: TrainableClassifier,
  train: readonly TrainingExample[],
  options: DpSgdOptions,
): DpSgdReport {
  const n = train.length;
  const { sampleRate: q, noiseMultiplier: sigma, maxGradNorm: c, epochs } = options;
  if (n === 0) throw new RangeError('no training examples');
  if (!(q > 0 && q <= 1)) throw new RangeError(`sample rate must be in (0, 1], got ${q}`);
  if (!(sigma >= 0)) throw new RangeError(`noise multiplier must be >= 0, got ${sigma}`);
  if (!(c > 0)) throw new RangeError(`max grad norm must be > 0, got ${c}`);
  if (sigma > 0 && !Number.isFinite(c)) throw new RangeError('noise needs a finite clipping bound');
  if (!(epochs > 0)) throw new RangeError(`epochs must be > 0, got ${epochs}`);
  const sampling = options.sampling ?? 'poisson';
  const batchSize = Math.max(1, Math.round(q * n));
  const stepsPerEpoch = sampling === 'poisson' ? Math.max(1, Math.round(1 / q)) : Math.ceil(n / batchSize);
  const totalSteps = sampling === 'poisson' ? Math.floor(epochs / q) : Math.round(epochs) * stepsPerEpoch;
  const accountedRate = sampling === 'poisson' ? q : batchSize / n;
  const schedule = resolveLearningRate(options.learningRate, totalSteps);
  const optimizer = resolveOptimizer(options.optimizer ?? { kind: 'sgd' });
  const loss = options.loss ?? crossEntropyLoss;
  const devMetric = options.devMetric ?? devLogLoss;
  const progress = options.progress ?? silentProgress;
  const clock = options.clock ?? (() => performance.now());
  const params = model.parameters;
  const grad = new GradientBuffer(params);
  const scratch = new ExampleGradient(params);
  const streams = trainingStreams(options.seed);
  const accountant = new RdpAccountant();
  const epochCount = Math.ceil(totalSteps / stepsPerEpoch);

  progress.trainingStarted({
    label: options.label ?? 'dp-sgd',
    epochs: epochCount,
    stepsPerEpoch,
    examples: n,
  });
  const history: EpochSummary[] = [];
  let examplesSeen = 0;
  let clipped = 0;
  let trainingMs = 0;
  let queue: Int32Array[] = [];
  let step = 0;
  try {
    for (let epoch = 1; step < totalSteps; epoch++) {
      const started = clock();
      let lossSum = 0;
      let epochExamples = 0;
      let learningRate = 0;
      for (let s = 1; s <= stepsPerEpoch && step < totalSteps; s++) {
        let batch: Int32Array;
        if (sampling === 'poisson') batch = poissonBatch(n, q, streams.batches);
        else {
          if (queue.length === 0) queue = shuffledBatches(n, batchSize, streams.batches);
          batch = queue.shift()!;
        }
        grad.clear();
        const stats = accumulateClippedGradients(model, loss, train, batch, c, grad, scratch);
        if (sigma > 0) addGaussianNoise(grad, sigma * c, streams.noise);
        // Expected batch size q N, as the brief and Abadi et al. state (Opacus rounds it down to an int).
        grad.scale(1 / (sampling === 'poisson' ? q * n : batch.length));
        learningRate = schedule(step);
        optimizer.step(params, grad, learningRate);
        accountant.step(sigma, accountedRate, 1);
        step++;
        lossSum += stats.lossSum;
        clipped += stats.clipped;
        epochExamples += batch.length;
        progress.stepCompleted({ epoch, stepInEpoch: s, step, loss: stats.lossSum / batch.length });
      }
      optimizer.settle(params);
      trainingMs += clock() - started;
      examplesSeen += epochExamples;
      const summary: EpochSummary = { epoch, trainLoss: lossSum / Math.max(1, epochExamples), learningRate };
      if (options.dev?.length) {
        summary.devMetric = devMetric.evaluate(model, options.dev);
        summary.devMetricName = devMetric.name;
      }
      history.push(summary);
      progress.epochCompleted(summary);
    }
  } catch (error) {
    progress.trainingAborted(error);
    throw error;
  }

  const spent = accountant.getPrivacySpent(options.delta);
  const report: DpSgdReport = {
    epochs: history,
    steps: step,
    epsilon: spent.epsilon,
    order: spent.order,
    delta: options.delta,
    noiseMultiplier: sigma,
    sampleRate: accountedRate,
    maxGradNorm: c,
    sampling,
    privacyHistory: [...accountant.history],
    clippedShare: examplesSeen > 0 ? clipped / examplesSeen : 0,
    examplesSeen,
    trainingMs,
    examplesPerSecond: trainingMs > 0 ? (examplesSeen * 1000) / trainingMs : NaN,
  };
  progress.trainingFinished({
    epochsRun: history.length,
    steps: step,
    examplesPerSecond: report.examplesPerSecond,
    stoppedEarly: false,
    epsilon: spent.epsilon,
  });
  return report;
}
