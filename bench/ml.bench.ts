// libs/ml training throughput, per model kind, on the real training files: logistic and softmax
// regression over 2^18 hashed word n-grams of Banking77 (logistic: "is this a card intent?"), the
// histogram GBDT on the 24,000 x 23 credit-default rows, and the averaged-perceptron tagger (the one
// the shipped NER models are trained with, on their features) for one epoch over BC5CDR train. Examples are training rows x passes (epochs, boosting rounds); for the
// tagger an example is a sentence. Feature extraction is timed apart from training. A quality figure
// per model (held-out accuracy, AUC, span F1) shows that the fast run also learnt something.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  emissionsOf,
  HashingVectorizer,
  maskedTransitions,
  parseCsv,
  rocAuc,
  trainGradientBoostedTrees,
  trainLogisticRegression,
  trainSoftmaxRegression,
  trainStructuredPerceptron,
  type LabelledMatrix,
  type TrainingExample,
  viterbiDecode,
} from '@suite/ml';
import { labelledWords, readNerCorpus, NER_RECIPES, buildTrainingSet } from '@suite/medical-models/training';
import { TagScheme } from '@suite/medical-models';
import type { Benchmark } from './benchmark.js';

const BITS = 18;
const GBDT_ROUNDS = 100;
const SEED = 7;

const log = (message: string): void => void process.stderr.write(`${message}\n`);
const round = (v: number, digits = 1): number => Math.round(v * 10 ** digits) / 10 ** digits;

function dataDir(args: string[]): string {
  const i = args.indexOf('--data-dir');
  if (i >= 0 && args[i + 1]) return args[i + 1];
  return existsSync('data/banking77') ? 'data' : join('..', 'shared', 'data');
}

/** Every 10th row held out (a fixed, seed-free split). */
function holdOutEveryTenth<T>(rows: readonly T[]): { train: T[]; dev: T[] } {
  return { train: rows.filter((_, i) => i % 10 !== 9), dev: rows.filter((_, i) => i % 10 === 9) };
}

function linearAccuracy(predict: (e: TrainingExample) => number, dev: readonly TrainingExample[]): number {
  return dev.filter((e) => predict(e) === e.label).length / dev.length;
}

async function benchLinearModels(dir: string) {
  const records = parseCsv(await readFile(join(dir, 'banking77', 'train.csv'), 'utf8')).slice(1);
  const categories = [...new Set(records.map((r) => r[1]))].sort();
  const vectorizer = new HashingVectorizer({ bits: BITS, word: { minN: 1, maxN: 2 } });
  const featurizing = performance.now();
  const vectors = records.map((r) => vectorizer.vectorize(r[0]));
  log(
    `banking77: ${records.length} queries hashed into 2^${BITS} in ${round(performance.now() - featurizing, 0)} ms`,
  );

  const softmaxRows = holdOutEveryTenth(
    vectors.map((x, i) => ({ x, label: categories.indexOf(records[i][1]) })),
  );
  const softmax = trainSoftmaxRegression(softmaxRows.train, {
    inputDim: 2 ** BITS,
    classes: categories.length,
    epochs: 1,
    batchSize: 32,
    learningRate: 0.05,
    seed: SEED,
  });
  const softmaxAccuracy = linearAccuracy((e) => {
    const p = softmax.model.predictProba(e.x);
    return p.indexOf(Math.max(...p));
  }, softmaxRows.dev);
  log(
    `softmax (77 classes): ${round(softmax.report.examplesPerSecond, 0)} examples/s, dev accuracy ${round(softmaxAccuracy, 3)}`,
  );

  const logisticRows = holdOutEveryTenth(
    vectors.map((x, i) => ({ x, label: records[i][1].includes('card') ? 1 : 0 })),
  );
  const logistic = trainLogisticRegression(logisticRows.train, {
    inputDim: 2 ** BITS,
    epochs: 1,
    batchSize: 32,
    learningRate: 0.05,
    seed: SEED,
  });
  const logisticAccuracy = linearAccuracy(
    (e) => (logistic.model.predictPositive(e.x) >= 0.5 ? 1 : 0),
    logisticRows.dev,
  );
  log(
    `logistic (card intents): ${round(logistic.report.examplesPerSecond, 0)} examples/s, dev accuracy ${round(logisticAccuracy, 3)}`,
  );
  return {
    softmax: softmax.report.examplesPerSecond,
    logistic: logistic.report.examplesPerSecond,
    softmaxAccuracy,
    logisticAccuracy,
  };
}

async function benchGradientBoosting(dir: string) {
  const records = parseCsv(await readFile(join(dir, 'credit-default', 'train.csv'), 'utf8')).filter(
    (r) => r.length > 1,
  );
  const header = records[0];
  const rows = records.slice(1);
  // Features: every column but ID and the target.
  const featureNames = header.slice(1, -1);
  const width = featureNames.length;
  const all: LabelledMatrix = {
    x: { rowCount: rows.length, featureCount: width, values: new Float64Array(rows.length * width) },
    y: new Float64Array(rows.length),
  };
  rows.forEach((r, i) => {
    for (let f = 0; f < width; f++) all.x.values[i * width + f] = Number(r[f + 1]);
    (all.y as Float64Array)[i] = Number(r[r.length - 1]);
  });
  const options = {
    rounds: GBDT_ROUNDS,
    learningRate: 0.1,
    maxLeaves: 31,
    minDataInLeaf: 20,
    seed: SEED,
    featureNames,
  };
  log(`gbdt: ${rows.length} x ${width} credit-default rows, ${GBDT_ROUNDS} rounds of up to 31 leaves`);
  const full = trainGradientBoostedTrees(all, options);
  log(
    `gbdt: ${round(full.report.trainingMs, 0)} ms, ${round(full.report.examplesPerSecond, 0)} row-rounds/s`,
  );

  // Quality: the same settings on the first 80% of rows, scored on the last 20%.
  const cut = Math.floor(rows.length * 0.8);
  const part = (from: number, to: number): LabelledMatrix => ({
    x: { rowCount: to - from, featureCount: width, values: all.x.values.subarray(from * width, to * width) },
    y: (all.y as Float64Array).subarray(from, to),
  });
  const dev = part(cut, rows.length);
  const heldOut = trainGradientBoostedTrees(part(0, cut), { ...options, earlyStoppingRounds: 20 }, dev);
  const auc = rocAuc(dev.y, heldOut.model.predictProbabilities(dev.x));
  log(`gbdt: held-out AUC ${round(auc, 4)} (best round ${heldOut.report.bestRound})`);
  return { examplesPerSecond: full.report.examplesPerSecond, trainingMs: full.report.trainingMs, auc };
}

async function benchTagger(dir: string) {
  const train = await readNerCorpus({ path: join(dir, 'bc5cdr', 'train.tsv') });
  const dev = (await readNerCorpus({ path: join(dir, 'bc5cdr', 'devel.tsv') })).slice(0, 1000);
  const recipe = NER_RECIPES.bc5cdr;
  const scheme = new TagScheme(recipe.corpus.types);
  const featurizing = performance.now();
  const set = buildTrainingSet(
    train.map((s) => labelledWords(s, 'corpus')),
    scheme,
    recipe.features,
  );
  const featureMs = performance.now() - featurizing;
  const tokens = set.examples.reduce((n, e) => n + e.features.length, 0);
  log(`tagger: ${train.length} sentences, ${tokens} tokens featurized in ${round(featureMs, 0)} ms`);
  const mask = scheme.transitionMask();
  const started = performance.now();
  const weights = trainStructuredPerceptron(set.examples, {
    labels: scheme.size,
    rows: set.featurizer.dimension,
    epochs: 1,
    seed: SEED,
    mask,
  });
  const trainingMs = performance.now() - started;
  const tokensPerSecond = (tokens * 1000) / trainingMs;
  log(`tagger: one epoch ${round(trainingMs, 0)} ms, ${round(tokensPerSecond, 0)} tokens/s`);
  // Strict span F1 on corpus tokens (the served path's detokenise-and-retokenise is bench ner's).
  const transitions = maskedTransitions(weights.transitions, mask);
  let tp = 0;
  let predictedCount = 0;
  let goldCount = 0;
  for (const sentence of dev) {
    const { words, spans } = labelledWords(sentence, 'corpus');
    if (words.length === 0) continue;
    const x = set.featurizer.featurize(words, set.lexicon);
    const predicted = scheme.decode(viterbiDecode(emissionsOf(weights, x), x.length, transitions));
    const key = (s: { type: string; start: number; end: number }): string => `${s.type}:${s.start}:${s.end}`;
    const gold = new Set(spans.map(key));
    tp += predicted.filter((s) => gold.has(key(s))).length;
    predictedCount += predicted.length;
    goldCount += spans.length;
  }
  const f1 = predictedCount + goldCount === 0 ? 0 : (2 * tp) / (predictedCount + goldCount);
  log(`tagger: span F1 ${round(f1, 3)} on ${dev.length} devel sentences after one epoch`);
  return {
    examplesPerSecond: (train.length * 1000) / trainingMs,
    tokensPerSecond,
    featureTokensPerSecond: (tokens * 1000) / featureMs,
    f1,
  };
}

const run: Benchmark = async (args) => {
  const dir = dataDir(args);
  const linear = await benchLinearModels(dir);
  const gbdt = await benchGradientBoosting(dir);
  const tagger = await benchTagger(dir);
  return {
    examplesPerSecond: {
      logistic: round(linear.logistic),
      softmax: round(linear.softmax),
      gbdt: round(gbdt.examplesPerSecond),
      tagger: round(tagger.examplesPerSecond),
    },
    hashedFeatures: 2 ** BITS,
    logisticDevAccuracy: round(linear.logisticAccuracy, 4),
    softmaxDevAccuracy: round(linear.softmaxAccuracy, 4),
    gbdtRounds: GBDT_ROUNDS,
    gbdtTrainingSeconds: round(gbdt.trainingMs / 1000, 2),
    gbdtHeldOutAuc: round(gbdt.auc, 4),
    taggerTokensPerSecond: round(tagger.tokensPerSecond),
    taggerFeatureTokensPerSecond: round(tagger.featureTokensPerSecond),
    taggerDevF1: round(tagger.f1, 4),
  };
};

export default run;
