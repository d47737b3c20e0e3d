// One-call training of the shipped model kinds, and the throughput figure the ml benchmark reports:
// examples per second through forward, backward and the (lazy, sparse) optimiser step on 2^18
// hashed features.
import type { SparseVector } from '../features/sparse-vector.js';
import { LogisticRegression } from '../models/linear/logistic-regression.model.js';
import { SoftmaxRegression } from '../models/linear/softmax-regression.model.js';
import { MlpClassifier } from '../models/mlp/mlp-classifier.model.js';
import type { OptimizerConfig } from '../optim/optimizer.js';
import type { Precision } from '../optim/parameter-set.js';
import { Rng } from '../random/rng.js';
import { trainClassifier, type TrainingOptions, type TrainingReport } from './minibatch-trainer.js';
import type { TrainingExample } from './trainable-classifier.js';

export interface TrainedModel<M> {
  model: M;
  report: TrainingReport;
}

export function trainLogisticRegression(
  train: readonly TrainingExample[],
  options: TrainingOptions & { inputDim: number; precision?: Precision; warmStart?: LogisticRegression },
): TrainedModel<LogisticRegression> {
  const { inputDim, precision, warmStart, ...training } = options;
  const model = warmStart ?? new LogisticRegression({ inputDim, precision });
  return { model, report: trainClassifier(model, train, { label: 'logistic', ...training }) };
}

export function trainSoftmaxRegression(
  train: readonly TrainingExample[],
  options: TrainingOptions & {
    inputDim: number;
    classes: number;
    precision?: Precision;
    warmStart?: SoftmaxRegression;
  },
): TrainedModel<SoftmaxRegression> {
  const { inputDim, classes, precision, warmStart, ...training } = options;
  const model = warmStart ?? new SoftmaxRegression({ inputDim, classes, precision });
  return { model, report: trainClassifier(model, train, { label: 'softmax', ...training }) };
}

export type ThroughputModelKind = 'logistic' | 'softmax' | 'mlp';

export interface TrainingThroughputOptions {
  kind: ThroughputModelKind;
  /** Synthetic training examples (default 2000). */
  examples?: number;
  /** Hashed feature space (default 2^18). */
  inputDim?: number;
  /** Active features per example (default 64). */
  nnz?: number;
  /** Classes for softmax and mlp (default 20; logistic is binary). */
  classes?: number;
  hidden?: number[];
  epochs?: number;
  batchSize?: number;
  optimizer?: OptimizerConfig;
  seed?: number;
  clock?: () => number;
}

export interface TrainingThroughput {
  kind: ThroughputModelKind;
  parameters: number;
  examplesSeen: number;
  trainingMs: number;
  examplesPerSecond: number;
  finalTrainLoss: number;
}

/** Trains one model kind on synthetic hashed data and reports examples per second. */
export function measureTrainingThroughput(options: TrainingThroughputOptions): TrainingThroughput {
  const inputDim = options.inputDim ?? 1 << 18;
  const classes = options.kind === 'logistic' ? 2 : (options.classes ?? 20);
  const seed = options.seed ?? 7;
  const data = syntheticHashedExamples({
    count: options.examples ?? 2000,
    inputDim,
    nnz: options.nnz ?? 64,
    classes,
    seed,
  });
  const model =
    options.kind === 'logistic'
      ? new LogisticRegression({ inputDim })
      : options.kind === 'softmax'
        ? new SoftmaxRegression({ inputDim, classes })
        : new MlpClassifier({ inputDim, classes, hidden: options.hidden ?? [64], seed, inputFanIn: 1 });
  const report = trainClassifier(model, data, {
    epochs: options.epochs ?? 1,
    batchSize: options.batchSize ?? 32,
    optimizer: options.optimizer ?? { kind: 'adam' },
    learningRate: 0.01,
    seed,
    clock: options.clock,
  });
  return {
    kind: options.kind,
    parameters: model.parameters.size,
    examplesSeen: report.examplesSeen,
    trainingMs: report.trainingMs,
    examplesPerSecond: report.examplesPerSecond,
    finalTrainLoss: report.epochs.at(-1)!.trainLoss,
  };
}

export interface SyntheticHashedOptions {
  count: number;
  inputDim: number;
  nnz: number;
  classes: number;
  seed: number;
}

/**
 * L2-normalised sparse examples whose label is learnable: half of each example's features come from
 * a pool of 200 indices belonging to its class, the rest are noise anywhere in the space.
 */
export function syntheticHashedExamples(options: SyntheticHashedOptions): TrainingExample[] {
  const { count, inputDim, nnz, classes } = options;
  const rng = new Rng(options.seed);
  const pools = Array.from({ length: classes }, () =>
    Int32Array.from({ length: 200 }, () => rng.int(inputDim)),
  );
  return Array.from({ length: count }, () => {
    const label = rng.int(classes);
    const chosen = new Set<number>();
    for (let attempts = 0; chosen.size < nnz && attempts < nnz * 10; attempts++)
      chosen.add(chosen.size < nnz / 2 ? pools[label][rng.int(200)] : rng.int(inputDim));
    const indices = Int32Array.from(chosen).sort();
    const x: SparseVector = {
      indices,
      values: new Float32Array(indices.length).fill(1 / Math.sqrt(indices.length)),
    };
    return { x, label };
  });
}
