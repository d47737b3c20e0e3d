// Intent classification against NLP.js (@nlpjs/nlp with @nlpjs/lang-en-min, the NLU most Node bot
// projects use), both trained in this run on the same Banking77 fit split and scored on the same
// held-out dev split. Ours: the `train intent` recipe (hashed n-grams, softmax regression, int8 ONNX)
// served by libs/inference, predictions/s with 64 concurrent single-message callers (dynamic batching)
// and with one caller. NLP.js: its own training and `process()`, one message at a time (it has no batch
// API; it runs on the event loop). Accuracy is top-1 for both: NLP.js's best-scored classification,
// not its thresholded `intent` (reported too, as nlpjsThresholdedAccuracy).
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { quantizeOnnxModel, writeModelVersion } from '@suite/inference';
import { classificationReport } from '@suite/ml';
import {
  exportTemperedIntentModel,
  intentModelDraft,
  readIntentFeatureSet,
  splitIntentExamples,
  trainIntentSoftmax,
} from '@suite/support-models/training';
import { loadIntentModel } from '../apps/customer-service/src/intent/intent-model-loader.js';
import type { Benchmark } from './benchmark.js';

interface NlpJsResult {
  intent: string;
  classifications?: { intent: string; score: number }[];
}

interface NlpJs {
  container: { use(plugin: unknown): void };
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  process(locale: string, utterance: string): Promise<NlpJsResult>;
}

const require = createRequire(import.meta.url);
const log = (message: string): void => void process.stderr.write(`${message}\n`);
const CONCURRENCY = 64;
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

async function measureOurs(dataDir: string) {
  const set = await readIntentFeatureSet(dataDir);
  const split = splitIntentExamples(set.examples);
  const dev = split.dev.map((i) => set.examples[i]);
  log(`ours: training on ${split.fit.length} fit rows`);
  const started = performance.now();
  const { model } = trainIntentSoftmax(set, split.fit);
  // Training time includes the ONNX export and int8 quantization: what it takes to get a servable model.
  const onnx = quantizeOnnxModel(exportTemperedIntentModel(model, 1), { mode: 'weight-only' }).bytes;
  const trainingSeconds = (performance.now() - started) / 1000;
  const scratch = await mkdtemp(join(tmpdir(), 'intent-bench-'));
  try {
    const draft = intentModelDraft(set, 'intent-bench', '1', {
      temperature: 1,
      rows: { fit: split.fit.length, calibration: split.calibration.length, dev: split.dev.length },
      trainingMs: trainingSeconds * 1000,
    });
    // Every prediction computed: the result cache would answer the repeated dev texts.
    await writeModelVersion(scratch, { ...draft, cacheable: false }, onnx);
    const served = await loadIntentModel({
      modelsDir: scratch,
      name: 'intent-bench',
      logger: { log, warn: log },
    });
    try {
      const { classifier } = served;
      const ranked = await classifier.rankIntentsOfMany(
        dev.map((e) => e.text),
        1,
      );
      const report = classificationReport(
        dev.map((e) => e.intent),
        ranked.map((r) => r[0].intent),
      );
      // Warm-up, then the service's path: many conversations, one message each, at once.
      await Promise.all(dev.slice(0, 256).map((e) => classifier.rankIntents(e.text, 1)));
      const rounds = 3;
      let next = 0;
      const total = dev.length * rounds;
      const concurrentStart = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < total) await classifier.rankIntents(dev[next++ % dev.length].text, 1);
        }),
      );
      const predictionsPerSecond = total / ((performance.now() - concurrentStart) / 1000);
      const sequentialStart = performance.now();
      const sequential = 500;
      for (let i = 0; i < sequential; i++) await classifier.rankIntents(dev[i % dev.length].text, 1);
      const singleCallerPredictionsPerSecond = sequential / ((performance.now() - sequentialStart) / 1000);
      return {
        accuracy: report.accuracy,
        macroF1: report.macroF1,
        trainingSeconds,
        predictionsPerSecond,
        singleCallerPredictionsPerSecond,
        modelBytes: onnx.length,
        fit: split.fit,
        dev,
        set,
      };
    } finally {
      await served.close();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function measureNlpJs(
  fit: { text: string; intent: string }[],
  dev: { text: string; intent: string }[],
) {
  const { Nlp } = require('@nlpjs/nlp') as { Nlp: new (settings: object) => NlpJs };
  const { LangEn } = require('@nlpjs/lang-en-min') as { LangEn: unknown };
  const nlp = new Nlp({ languages: ['en'], autoSave: false, autoLoad: false, nlu: { log: false } });
  nlp.container.use(LangEn);
  for (const e of fit) nlp.addDocument('en', e.text, e.intent);
  log(`nlp.js: training on ${fit.length} fit rows`);
  const started = performance.now();
  await nlp.train();
  const trainingSeconds = (performance.now() - started) / 1000;
  const top: string[] = [];
  const thresholded: string[] = [];
  const predicting = performance.now();
  for (const e of dev) {
    const result = await nlp.process('en', e.text);
    top.push(result.classifications?.[0]?.intent ?? result.intent);
    thresholded.push(result.intent);
  }
  const predictionsPerSecond = dev.length / ((performance.now() - predicting) / 1000);
  const truth = dev.map((e) => e.intent);
  return {
    accuracy: classificationReport(truth, top).accuracy,
    macroF1: classificationReport(truth, top).macroF1,
    thresholdedAccuracy: classificationReport(truth, thresholded).accuracy,
    trainingSeconds,
    predictionsPerSecond,
  };
}

const run: Benchmark = async (args) => {
  const dataDir = args.includes('--data-dir') ? args[args.indexOf('--data-dir') + 1] : 'data';
  const ours = await measureOurs(dataDir);
  const nlpjs = await measureNlpJs(
    ours.fit.map((i) => ours.set.examples[i]),
    ours.dev,
  );
  log(
    `ours: accuracy ${ours.accuracy.toFixed(4)}, ${ours.predictionsPerSecond.toFixed(0)} predictions/s; ` +
      `nlp.js: accuracy ${nlpjs.accuracy.toFixed(4)}, ${nlpjs.predictionsPerSecond.toFixed(0)} predictions/s`,
  );
  return {
    data: 'Banking77 train.csv: fit 70 % (training), dev 20 % held out (scoring), same split for both',
    n: ours.dev.length,
    accuracy: round(ours.accuracy),
    macroF1: round(ours.macroF1),
    trainingSeconds: round(ours.trainingSeconds, 2),
    predictionsPerSecond: Math.round(ours.predictionsPerSecond),
    singleCallerPredictionsPerSecond: Math.round(ours.singleCallerPredictionsPerSecond),
    concurrency: CONCURRENCY,
    modelBytes: ours.modelBytes,
    nlpjsAccuracy: round(nlpjs.accuracy),
    nlpjsMacroF1: round(nlpjs.macroF1),
    nlpjsThresholdedAccuracy: round(nlpjs.thresholdedAccuracy),
    nlpjsTrainingSeconds: round(nlpjs.trainingSeconds, 2),
    nlpjsPredictionsPerSecond: Math.round(nlpjs.predictionsPerSecond),
    accuracyDifference: round(ours.accuracy - nlpjs.accuracy),
    trainingSpeedup: round(nlpjs.trainingSeconds / ours.trainingSeconds, 2),
    predictionsSpeedup: round(ours.predictionsPerSecond / nlpjs.predictionsPerSecond, 2),
  };
};

export default run;
