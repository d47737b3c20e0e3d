// Boosting loop for the binary logistic loss (Friedman 2001; second-order steps as in XGBoost, Chen &
// Guestrin 2016): per round, gradients g = p - y and hessians h = p (1 - p) at the current margins,
// one histogram tree on a seeded row and column sample, margins updated, dev log-loss watched for
// early stopping. Same data and seed give the same trees.
import { logSigmoid, sigmoid } from '../linear/activation-functions.js';
import { Rng } from '../../random/rng.js';
import type { DecisionTree } from './decision-tree.js';
import { GradientBoostedTrees } from './gradient-boosted-trees.model.js';
import { HistogramBinMapper, MAX_HISTOGRAM_BINS, type TabularMatrix } from './histogram-bin-mapper.js';
import { HistogramTreeGrower, leafForBinnedRow, type TreeGrowthOptions } from './histogram-tree-grower.js';

export interface LabelledMatrix {
  x: TabularMatrix;
  /** 0 or 1 per row. */
  y: ArrayLike<number>;
}

export interface GradientBoostingOptions {
  /** Boosting rounds (trees), default 100. */
  rounds?: number;
  /** Shrinkage, default 0.1. */
  learningRate?: number;
  /** Leaves per tree, default 31. */
  maxLeaves?: number;
  /** Depth limit, default 0 (none; the leaf budget bounds the tree). */
  maxDepth?: number;
  /** L2 penalty on leaf weights, default 1. */
  lambda?: number;
  /** Minimum hessian sum per child, default 1e-3. */
  minChildWeight?: number;
  /** Minimum rows per leaf, default 20. */
  minDataInLeaf?: number;
  minSplitGain?: number;
  /** Share of rows each tree sees (without replacement), default 1. */
  subsample?: number;
  /** Share of features each tree may split on, default 1. */
  colsample?: number;
  /** Histogram bins per feature, at most 255 (default 255). */
  maxBins?: number;
  seed?: number;
  /** Stop when the dev log-loss has not improved for this many rounds (needs `dev`). */
  earlyStoppingRounds?: number;
  featureNames?: readonly string[];
  /** Called after every round, e.g. to print progress. */
  onRound?: (round: BoostingRound) => void;
  /** Milliseconds; injected so that throughput is measured without timing the tests. */
  clock?: () => number;
}

export interface BoostingRound {
  round: number;
  trainLogLoss: number;
  devLogLoss?: number;
}

export interface GradientBoostingReport {
  rounds: BoostingRound[];
  /** Rounds kept in the model (the best dev round with early stopping, else all). */
  bestRound: number;
  stoppedEarly: boolean;
  trainingMs: number;
  /** Training rows x rounds run, per second. */
  examplesPerSecond: number;
}

function positiveInt(name: string, value: number, min = 1): number {
  if (!(Number.isInteger(value) && value >= min)) throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  return value;
}

function fraction(name: string, value: number): number {
  if (!(value > 0 && value <= 1)) throw new RangeError(`${name} must be in (0, 1], got ${value}`);
  return value;
}

function assertLabels(data: LabelledMatrix, name: string): void {
  if (data.y.length !== data.x.rowCount) throw new RangeError(`${name}: ${data.y.length} labels for ${data.x.rowCount} rows`);
  if (data.x.values.length !== data.x.rowCount * data.x.featureCount) throw new RangeError(`${name}: matrix size mismatch`);
  for (let i = 0; i < data.y.length; i++)
    if (data.y[i] !== 0 && data.y[i] !== 1) throw new RangeError(`${name}: label ${data.y[i]} at row ${i} is not 0 or 1`);
}

function meanLogLoss(margins: Float64Array, y: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < margins.length; i++) sum -= logSigmoid(y[i] === 1 ? margins[i] : -margins[i]);
  return sum / margins.length;
}

/** First `count` entries of a seeded partial Fisher-Yates shuffle of `pool`, sorted ascending. */
function sampleAscending<T extends Uint32Array | Int32Array>(pool: T, count: number, rng: Rng): T {
  if (count >= pool.length) return pool.slice().sort() as T;
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(pool.length - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, count).sort() as T;
}

export function trainGradientBoostedTrees(
  train: LabelledMatrix,
  options: GradientBoostingOptions = {},
  dev?: LabelledMatrix,
): { model: GradientBoostedTrees; report: GradientBoostingReport } {
  assertLabels(train, 'train');
  if (dev) assertLabels(dev, 'dev');
  const { rowCount: n, featureCount } = train.x;
  if (n === 0) throw new RangeError('no training rows');
  if (dev && dev.x.featureCount !== featureCount) throw new RangeError('dev and train differ in feature count');
  const rounds = positiveInt('rounds', options.rounds ?? 100);
  const growth: TreeGrowthOptions = {
    maxLeaves: positiveInt('maxLeaves', options.maxLeaves ?? 31, 2),
    maxDepth: positiveInt('maxDepth', options.maxDepth ?? 0, 0),
    lambda: options.lambda ?? 1,
    minChildWeight: options.minChildWeight ?? 1e-3,
    minDataInLeaf: positiveInt('minDataInLeaf', options.minDataInLeaf ?? 20),
    minSplitGain: options.minSplitGain ?? 0,
    learningRate: options.learningRate ?? 0.1,
  };
  if (!(growth.lambda >= 0 && growth.minChildWeight >= 0 && growth.minSplitGain >= 0 && growth.learningRate > 0))
    throw new RangeError('lambda, minChildWeight and minSplitGain must be >= 0, learningRate > 0');
  const subsample = fraction('subsample', options.subsample ?? 1);
  const colsample = fraction('colsample', options.colsample ?? 1);
  const patience = options.earlyStoppingRounds;
  if (patience !== undefined) {
    positiveInt('earlyStoppingRounds', patience);
    if (!dev || dev.x.rowCount === 0) throw new RangeError('early stopping needs a dev split');
  }
  const clock = options.clock ?? (() => performance.now());
  const started = clock();

  const mapper = HistogramBinMapper.fit(train.x, options.maxBins ?? MAX_HISTOGRAM_BINS);
  const bins = mapper.binMatrix(train.x);
  const grower = new HistogramTreeGrower(bins, n, mapper, growth);
  const rng = new Rng(options.seed ?? 0);
  const rowRng = rng.fork();
  const featureRng = rng.fork();
  const rowPool = Uint32Array.from({ length: n }, (_, i) => i);
  const featurePool = Int32Array.from({ length: featureCount }, (_, f) => f);
  const rowsPerTree = Math.max(1, Math.round(subsample * n));
  const featuresPerTree = Math.max(1, Math.round(colsample * featureCount));

  let positives = 0;
  for (let i = 0; i < n; i++) positives += train.y[i];
  // Prior log-odds, clamped so that a one-class training set still gives a finite start.
  const prior = Math.min(Math.max(positives / n, 1e-6), 1 - 1e-6);
  const baseScore = Math.log(prior / (1 - prior));
  const margins = new Float64Array(n).fill(baseScore);
  const devMargins = new Float64Array(dev?.x.rowCount ?? 0).fill(baseScore);
  const gradients = new Float64Array(n);
  const hessians = new Float64Array(n);
  const trees: DecisionTree[] = [];
  const history: BoostingRound[] = [];
  let bestRound = 0;
  let bestDevLoss = Infinity;
  let stoppedEarly = false;

  for (let round = 1; round <= rounds; round++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(margins[i]);
      gradients[i] = p - train.y[i];
      // Floor keeps leaf weights finite once the model is confident everywhere.
      hessians[i] = Math.max(p * (1 - p), 1e-16);
    }
    const rows = sampleAscending(rowPool, rowsPerTree, rowRng);
    const features = sampleAscending(featurePool, featuresPerTree, featureRng);
    const grown = grower.growTree(gradients, hessians, rows, features);
    trees.push(grown.tree);
    for (let i = 0; i < n; i++)
      margins[i] += grown.tree.value[leafForBinnedRow(grown, bins, n, mapper.binCounts, i)];
    const summary: BoostingRound = { round, trainLogLoss: meanLogLoss(margins, train.y) };
    if (dev && dev.x.rowCount > 0) {
      const w = dev.x.featureCount;
      for (let i = 0; i < devMargins.length; i++) devMargins[i] += grown.tree.predictRow(dev.x.values, i * w);
      summary.devLogLoss = meanLogLoss(devMargins, dev.y);
      if (summary.devLogLoss < bestDevLoss) {
        bestDevLoss = summary.devLogLoss;
        bestRound = round;
      }
    }
    history.push(summary);
    options.onRound?.(summary);
    if (patience !== undefined && round - bestRound >= patience && round < rounds) {
      stoppedEarly = true;
      break;
    }
  }
  const kept = patience !== undefined ? bestRound : trees.length;
  const trainingMs = clock() - started;
  const model = new GradientBoostedTrees(featureCount, baseScore, trees.slice(0, kept), options.featureNames);
  return {
    model,
    report: {
      rounds: history,
      bestRound: kept,
      stoppedEarly,
      trainingMs,
      examplesPerSecond: trainingMs > 0 ? (n * history.length * 1000) / trainingMs : NaN,
    },
  };
}
