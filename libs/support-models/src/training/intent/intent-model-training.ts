// `train intent`: the shipped Banking77 intent model, rebuilt from data/banking77 alone. Softmax
// regression over signed hashed word 1-2-grams and char_wb 2-5-grams (libs/ml), temperature-scaled
// on the calibration split, exported to ONNX with the sparse input layout, int8 per-row quantized
// (libs/inference's quantizer) and measured through the engine on the held-out dev split. Serving
// (quantizer, engine, model repository) and the service's reply policy come in as IntentTrainingPorts,
// bound by the CLI: this package imports neither.
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  calibrationTable,
  classificationReport,
  exportClassifierToOnnx,
  formatCsv,
  HashingVectorizer,
  type HashingVectorizerOptions,
  silentProgress,
  SoftmaxRegression,
  type SparseVector,
  trainClassifier,
  type TrainingProgressListener,
} from '@suite/ml';
import type { ModelCardDraft } from '@suite/onnx';
import {
  INTENT_SPLIT,
  type IntentExample,
  readIntentExamples,
  readIntentNames,
  splitIntentExamples,
} from './banking77-dataset.js';
import {
  type IntentScore,
  pairProbabilityForPrecision,
  thresholdForPrecision,
} from '../../intent/confidence-policy.js';
import { coveragePrecisionCurve } from './intent-thresholds.js';
import { DEFAULT_INTENT_MODEL, type IntentModelSpec } from '../../intent/intent-model-spec.js';
import type { ModelVersionWriter } from '../../model-draft.js';
import { fitTemperature, temperedSoftmax } from './temperature-scaling.js';

export const INTENT_FEATURES: HashingVectorizerOptions = {
  // 2^15 rows x 77 classes: 2.5 MB once int8; 2^14 to 2^16 scored the same on the fit/calibration cut.
  bits: 15,
  word: { minN: 1, maxN: 2, seed: 1 },
  char: { minN: 2, maxN: 5, analyzer: 'char_wb', seed: 0 },
};

export const INTENT_TRAINING = {
  seed: 20251128,
  epochs: 5,
  batchSize: 32,
  learningRate: 0.01,
  optimizer: 'adam',
  maxChars: 500,
  /** Precision the model must keep on the calibration split when it answers alone. */
  targetPrecision: 0.97,
  /** Share of clarifying questions that must offer the right intent (calibration split). */
  clarificationTarget: 0.85,
  clarificationMaxGap: 0.4,
} as const;

const THRESHOLD_CURVE_TARGETS = [0.9, 0.93, 0.95, 0.96, 0.97, 0.98, 0.99];

export const INTENT_BATCHING = {
  maxBatchSize: 64,
  maxQueueDelayMicros: 1000,
  maxQueueSize: 2048,
  // Feature lists are ragged: the batcher pads them (index 0, value 0 adds nothing).
  maxBatchTokens: 64 * 4096,
  padValue: 0,
};

export interface IntentFeatureSet {
  vectorizer: HashingVectorizer;
  labels: string[];
  examples: IntentExample[];
  features: SparseVector[];
  targets: number[];
}

export async function readIntentFeatureSet(dataDir: string): Promise<IntentFeatureSet> {
  const labels = await readIntentNames(join(dataDir, 'banking77', 'categories.json'));
  const examples = await readIntentExamples(join(dataDir, 'banking77', 'train.csv'));
  const index = new Map(labels.map((l, k) => [l, k]));
  const targets = examples.map((e, row) => {
    const k = index.get(e.intent);
    if (k === undefined) throw new Error(`train.csv row ${row + 2}: unknown intent "${e.intent}"`);
    return k;
  });
  const vectorizer = new HashingVectorizer(INTENT_FEATURES);
  const features = examples.map((e) => vectorizer.vectorize(e.text.slice(0, INTENT_TRAINING.maxChars)));
  return { vectorizer, labels, examples, features, targets };
}

/** The recipe's weights on the given rows (the bench trains the same way). */
export function trainIntentSoftmax(
  set: IntentFeatureSet,
  rows: readonly number[],
  progress: TrainingProgressListener = silentProgress,
): { model: SoftmaxRegression; trainingMs: number } {
  const model = new SoftmaxRegression({ inputDim: set.vectorizer.dimension, classes: set.labels.length });
  const report = trainClassifier(
    model,
    rows.map((i) => ({ x: set.features[i], label: set.targets[i] })),
    {
      epochs: INTENT_TRAINING.epochs,
      batchSize: INTENT_TRAINING.batchSize,
      seed: INTENT_TRAINING.seed,
      optimizer: { kind: 'adam' },
      learningRate: INTENT_TRAINING.learningRate,
      progress,
      label: 'intent',
    },
  );
  return { model, trainingMs: report.trainingMs };
}

/** ONNX bytes (sparse input layout) of a softmax regression with its logits divided by `temperature`. */
export function exportTemperedIntentModel(model: SoftmaxRegression, temperature: number): Uint8Array {
  const net = model.describeNetwork();
  const scaled = {
    ...net,
    layers: net.layers.map((layer) => ({
      ...layer,
      weights: Float32Array.from(layer.weights, (w) => w / temperature),
      bias: Float32Array.from(layer.bias, (b) => b / temperature),
    })),
  };
  return exportClassifierToOnnx({ describeNetwork: () => scaled }, { input: 'sparse', graphName: 'intent' });
}

function logitsOf(model: SoftmaxRegression, xs: readonly SparseVector[]): Float64Array[] {
  return xs.map((x) => {
    const out = new Float64Array(model.logitCount);
    model.computeLogits(x, out);
    return out;
  });
}

/** Expected calibration error of the top-1 confidence (Guo et al. 2017, eq. 3), 15 equal-width bins. */
export function topLabelEce(confidences: readonly number[], correct: readonly boolean[]): number {
  const table = calibrationTable(
    correct.map((c) => (c ? 1 : 0)),
    confidences,
    { bins: 15 },
  );
  return table.reduce(
    (s, bin) => s + (bin.count / confidences.length) * Math.abs(bin.meanPredicted - bin.observedRate),
    0,
  );
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

export type IntentModelDraft = ModelCardDraft & { extra: IntentModelSpec };

/** The card of a freshly trained version; thresholds and metrics are filled in once measured. */
export function intentModelDraft(
  set: IntentFeatureSet,
  name: string,
  version: string,
  run: { temperature: number; rows: Record<'fit' | 'calibration' | 'dev', number>; trainingMs: number },
): IntentModelDraft {
  return {
    name,
    version,
    task: 'intent-classification',
    description:
      'Banking77 intent classifier: softmax regression over signed hashed word 1-2-grams and char_wb 2-5-grams, ' +
      'temperature-scaled, int8 per-row weights. Input: indices int64 + values float32 [batch, nnz] (pad: index 0, value 0).',
    inputs: [
      { name: 'indices', dtype: 'int64', shape: [-1, -1] },
      { name: 'values', dtype: 'float32', shape: [-1, -1] },
    ],
    outputs: [{ name: 'probabilities', dtype: 'float32', shape: [-1, set.labels.length] }],
    labels: set.labels,
    batching: INTENT_BATCHING,
    cacheable: true,
    metrics: {},
    training: {
      data: 'data/banking77/train.csv: Banking77 (Casanueva et al. 2020, PolyAI-LDN/task-specific-datasets), train split',
      licence: 'CC BY 4.0 (data/banking77/LICENSE)',
      command: 'npm run cli -- train intent',
      seed: INTENT_TRAINING.seed,
      split:
        `stratified by intent (seed ${INTENT_SPLIT.seed}): dev ${INTENT_SPLIT.devFraction * 100} % held out ` +
        `(data/banking77/dev.csv, every figure here), calibration 10 % (temperature, thresholds), fit 70 % (weights)`,
      rows: run.rows,
      recipe: { ...INTENT_TRAINING, features: INTENT_FEATURES },
      trainingSeconds: round4(run.trainingMs / 1000),
    },
    extra: {
      vectorizer: set.vectorizer.toJSON(),
      maxChars: INTENT_TRAINING.maxChars,
      temperature: round4(run.temperature),
      threshold: 1,
      targetPrecision: INTENT_TRAINING.targetPrecision,
      clarification: { minPairProbability: 1, maxGap: INTENT_TRAINING.clarificationMaxGap },
    },
  };
}

/** A labelled message with the model's ranking of it, as the service's stage evaluation reads it. */
export interface LabelledRanking {
  text: string;
  truth: string;
  ranked: readonly IntentScore[];
}

/** What the trainer needs of serving and of the service, bound by the caller (the CLI). */
export interface IntentTrainingPorts<S extends { coverage: number; precision: number }> {
  /** The exported graph as shipped: int8 weight-only (libs/inference's quantizeOnnxModel). */
  quantize(onnx: Uint8Array): Uint8Array;
  /**
   * The draft's graph served as the service serves it (a scratch repository on libs/inference's engine,
   * customer-service's classifier), so that thresholds and figures are those of the shipped graph.
   */
  serve(
    draft: IntentModelDraft,
    onnx: Uint8Array,
  ): Promise<{
    rank(texts: readonly string[], top: number): Promise<IntentScore[][]>;
    close(): Promise<void>;
  }>;
  /** The bot's first reply on labelled rows at stages 1 and 2 (customer-service's evaluateStage). */
  evaluateStages(rows: readonly LabelledRanking[], spec: IntentModelSpec): [S, S];
  /** Writes the version into options.modelsDir (libs/inference's writeModelVersion). */
  write: ModelVersionWriter;
}

export interface IntentTrainingOptions<S extends { coverage: number; precision: number }> {
  ports: IntentTrainingPorts<S>;
  dataDir: string;
  modelsDir: string;
  version: string;
  name?: string;
  overwrite?: boolean;
  /** Where to write the dev split as a Banking77 CSV, for `eval intent --data` (undefined: not written). */
  devFile?: string;
  progress?: TrainingProgressListener;
  log: (message: string) => void;
}

export async function trainIntentModel<S extends { coverage: number; precision: number }>(
  options: IntentTrainingOptions<S>,
): Promise<{ dir: string; card: Awaited<ReturnType<ModelVersionWriter>>['card']; stages: S[] }> {
  const { ports } = options;
  const { log } = options;
  const name = options.name ?? DEFAULT_INTENT_MODEL;
  const target = join(options.modelsDir, name, options.version);
  if (
    !options.overwrite &&
    (await stat(target).then(
      () => true,
      () => false,
    ))
  )
    throw new Error(`${target} already exists: choose another --version or pass --overwrite`);
  const set = await readIntentFeatureSet(options.dataDir);
  const split = splitIntentExamples(set.examples);
  log(
    `banking77: ${set.examples.length} rows, ${set.labels.length} intents; fit ${split.fit.length}, calibration ${split.calibration.length}, dev ${split.dev.length}`,
  );

  const { model, trainingMs } = trainIntentSoftmax(set, split.fit, options.progress);
  log(`trained in ${(trainingMs / 1000).toFixed(1)} s`);
  const calibrationLogits = logitsOf(
    model,
    split.calibration.map((i) => set.features[i]),
  );
  const temperature = fitTemperature(
    calibrationLogits,
    split.calibration.map((i) => set.targets[i]),
  );
  log(`temperature ${temperature.toFixed(3)} (calibration NLL)`);
  const onnx = ports.quantize(exportTemperedIntentModel(model, temperature));

  const draft = intentModelDraft(set, name, options.version, {
    temperature,
    rows: { fit: split.fit.length, calibration: split.calibration.length, dev: split.dev.length },
    trainingMs,
  });

  // Thresholds and figures come from the quantized graph served by the engine, from a scratch
  // repository, so that a failure leaves no half-described version behind.
  let calibration: { ranked: IntentScore[]; truth: string }[];
  let dev: { text: string; ranked: IntentScore[]; truth: string }[];
  const served = await ports.serve(draft, onnx);
  try {
    const rank = async (rows: number[]) => {
      const ranked = await served.rank(
        rows.map((i) => set.examples[i].text),
        3,
      );
      return rows.map((i, k) => ({
        text: set.examples[i].text,
        ranked: ranked[k],
        truth: set.examples[i].intent,
      }));
    };
    calibration = await rank(split.calibration);
    dev = await rank(split.dev);
  } finally {
    await served.close();
  }

  const threshold = thresholdForPrecision(calibration, INTENT_TRAINING.targetPrecision);
  const minPairProbability = pairProbabilityForPrecision(
    calibration,
    threshold,
    INTENT_TRAINING.clarificationMaxGap,
    INTENT_TRAINING.clarificationTarget,
  );
  draft.extra.threshold = round4(threshold);
  draft.extra.clarification.minPairProbability = round4(minPairProbability);
  log(
    `threshold ${threshold.toFixed(3)} for precision ${INTENT_TRAINING.targetPrecision}; clarify at pair >= ${minPairProbability.toFixed(3)}`,
  );

  const report = classificationReport(
    dev.map((d) => d.truth),
    dev.map((d) => d.ranked[0].intent),
    set.labels,
  );
  const devLogits = logitsOf(
    model,
    split.dev.map((i) => set.features[i]),
  );
  const eceAt = (t: number) => {
    const p = new Float64Array(set.labels.length);
    const confidences: number[] = [];
    const correct: boolean[] = [];
    devLogits.forEach((z, k) => {
      temperedSoftmax(z, t, p);
      let best = 0;
      for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
      confidences.push(p[best]);
      correct.push(best === set.targets[split.dev[k]]);
    });
    return topLabelEce(confidences, correct);
  };
  const stages = ports.evaluateStages(dev, draft.extra);
  const answeredByModel = dev.filter((d) => d.ranked[0].probability >= threshold);
  draft.metrics = {
    split: 'dev',
    n: dev.length,
    accuracy: round4(report.accuracy),
    macroF1: round4(report.macroF1),
    eceBeforeTemperature: round4(eceAt(1)),
    ece: round4(eceAt(temperature)),
    modelAlone: {
      coverage: round4(answeredByModel.length / dev.length),
      precision: round4(
        answeredByModel.filter((d) => d.ranked[0].intent === d.truth).length /
          Math.max(1, answeredByModel.length),
      ),
    },
    stage1: roundStage(stages[0]),
    stage2FirstTurn: roundStage(stages[1]),
    // Global against per-intent thresholds, both tuned on the calibration split, measured on dev.
    thresholdCurve: coveragePrecisionCurve(calibration, dev, THRESHOLD_CURVE_TARGETS),
    thresholdChoice:
      'one global threshold: per-intent thresholds (intent-thresholds.ts) reach their precision target more ' +
      'closely but at matched precision answer no more messages (thresholdCurve), because each intent has only ' +
      'about 13 calibration rows to tune on; they are not shipped',
  };
  log(
    `dev: accuracy ${report.accuracy.toFixed(4)}, macro-F1 ${report.macroF1.toFixed(4)}; stage 1 coverage ${stages[0].coverage.toFixed(3)}, precision ${stages[0].precision.toFixed(4)}`,
  );

  const written = await ports.write(draft, onnx, { overwrite: options.overwrite });
  if (options.devFile) {
    await writeFile(
      options.devFile,
      formatCsv([
        ['text', 'category'],
        ...split.dev.map((i) => [set.examples[i].text, set.examples[i].intent]),
      ]),
    );
    log(`dev split written to ${options.devFile}`);
  }
  return { dir: written.dir, card: written.card, stages };
}

function roundStage(report: object): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' ? round4(v) : v)),
  ) as Record<string, unknown>;
}
