// Mini-batch training of any TrainableClassifier: shuffled batches from a seeded stream, an optimiser
// and a learning-rate schedule, early stopping on a dev split. Same seed, same data => same model.
import {
  createLearningRateSchedule,
  type LearningRateSchedule,
  type LearningRateScheduleConfig,
} from '../optim/learning-rate-schedule.js';
import { createOptimizer } from '../optim/create-optimizer.js';
import { GradientBuffer } from '../optim/gradient-buffer.js';
import type { Optimizer, OptimizerConfig } from '../optim/optimizer.js';
import {
  silentProgress,
  type EpochSummary,
  type TrainingProgressListener,
} from '../progress/training-progress.js';
import { accumulateBatchGradient } from './batch-gradient.js';
import { shuffledBatches, trainingStreams } from './batch-sampling.js';
import { crossEntropyLoss } from './classification-loss.js';
import { devLogLoss, type DevMetric } from './classifier-evaluation.js';
import { EarlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
import { ExampleGradient } from './example-gradient.js';
import type { ClassificationLoss, TrainableClassifier, TrainingExample } from './trainable-classifier.js';

export type LearningRateSetting = number | LearningRateScheduleConfig | LearningRateSchedule;

export interface TrainingOptions {
  epochs: number;
  batchSize: number;
  seed: number;
  /** Default Adam. An Optimizer instance carries its state over (e.g. across warm starts). */
  optimizer?: OptimizerConfig | Optimizer;
  /** A constant, a schedule config or a schedule function of the update index; default 0.01. */
  learningRate?: LearningRateSetting;
  loss?: ClassificationLoss;
  dev?: readonly TrainingExample[];
  devMetric?: DevMetric;
  /** Needs `dev`. Without it every epoch runs and the last parameters are kept. */
  earlyStopping?: EarlyStoppingOptions;
  progress?: TrainingProgressListener;
  label?: string;
  /** Milliseconds; injected so that throughput can be measured without timing the tests. */
  clock?: () => number;
}

export interface TrainingReport {
  epochs: EpochSummary[];
  steps: number;
  stoppedEarly: boolean;
  bestEpoch?: number;
  bestDevMetric?: number;
  /** Examples whose gradient was computed (training passes only, dev evaluation excluded). */
  examplesSeen: number;
  trainingMs: number;
  examplesPerSecond: number;
}

export function trainClassifier(
  model: TrainableClassifier,
  train: readonly TrainingExample[],
  options: TrainingOptions,
): TrainingReport {
  const { epochs, batchSize } = options;
  if (!(Number.isInteger(epochs) && epochs >= 1)) throw new RangeError(`epochs must be >= 1, got ${epochs}`);
  if (train.length === 0) throw new RangeError('no training examples');
  if (options.earlyStopping && !options.dev?.length) throw new RangeError('early stopping needs a dev split');
  const stepsPerEpoch = Math.ceil(train.length / batchSize);
  const schedule = resolveLearningRate(options.learningRate, epochs * stepsPerEpoch);
  const optimizer = resolveOptimizer(options.optimizer);
  const loss = options.loss ?? crossEntropyLoss;
  const devMetric = options.devMetric ?? devLogLoss;
  const progress = options.progress ?? silentProgress;
  const clock = options.clock ?? (() => performance.now());
  const stopper = options.earlyStopping
    ? new EarlyStopping(options.earlyStopping, devMetric.higherIsBetter)
    : undefined;
  const params = model.parameters;
  const grad = new GradientBuffer(params);
  const scratch = new ExampleGradient(params);
  const streams = trainingStreams(options.seed);

  progress.trainingStarted({
    label: options.label ?? 'train',
    epochs,
    stepsPerEpoch,
    examples: train.length,
  });
  const history: EpochSummary[] = [];
  let step = 0;
  let examplesSeen = 0;
  let trainingMs = 0;
  let stoppedEarly = false;
  try {
    for (let epoch = 1; epoch <= epochs && !stoppedEarly; epoch++) {
      const started = clock();
      let lossSum = 0;
      let learningRate = 0;
      const batches = shuffledBatches(train.length, batchSize, streams.batches);
      batches.forEach((batch, b) => {
        grad.clear();
        const batchLoss = accumulateBatchGradient(model, loss, train, batch, grad, scratch);
        grad.scale(1 / batch.length);
        learningRate = schedule(step);
        optimizer.step(params, grad, learningRate);
        step++;
        lossSum += batchLoss;
        examplesSeen += batch.length;
        progress.stepCompleted({ epoch, stepInEpoch: b + 1, step, loss: batchLoss / batch.length });
      });
      optimizer.settle(params);
      trainingMs += clock() - started;

      const summary: EpochSummary = { epoch, trainLoss: lossSum / train.length, learningRate };
      if (options.dev?.length) {
        summary.devMetric = devMetric.evaluate(model, options.dev);
        summary.devMetricName = devMetric.name;
        if (stopper) {
          const verdict = stopper.observe(epoch, summary.devMetric, params);
          summary.improved = verdict.improved;
          stoppedEarly = verdict.stop && epoch < epochs;
        }
      }
      history.push(summary);
      progress.epochCompleted(summary);
    }
  } catch (error) {
    progress.trainingAborted(error);
    throw error;
  }
  stopper?.restoreBest(params);

  const report: TrainingReport = {
    epochs: history,
    steps: step,
    stoppedEarly,
    bestEpoch: stopper?.bestEpoch,
    bestDevMetric: stopper?.bestMetric,
    examplesSeen,
    trainingMs,
    examplesPerSecond: trainingMs > 0 ? (examplesSeen * 1000) / trainingMs : NaN,
  };
  progress.trainingFinished({
    epochsRun: history.length,
    steps: step,
    examplesPerSecond: report.examplesPerSecond,
    stoppedEarly,
    bestEpoch: report.bestEpoch,
  });
  return report;
}

export function resolveLearningRate(
  setting: LearningRateSetting | undefined,
  totalSteps: number,
): LearningRateSchedule {
  if (setting === undefined)
    return createLearningRateSchedule({ kind: 'constant', learningRate: 0.01 }, totalSteps);
  if (typeof setting === 'number')
    return createLearningRateSchedule({ kind: 'constant', learningRate: setting }, totalSteps);
  if (typeof setting === 'function') return setting;
  return createLearningRateSchedule(setting, totalSteps);
}

export function resolveOptimizer(setting: OptimizerConfig | Optimizer | undefined): Optimizer {
  if (setting === undefined) return createOptimizer({ kind: 'adam' });
  return 'step' in setting ? setting : createOptimizer(setting);
}
