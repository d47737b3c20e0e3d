// `train deid`: the learnt half of de-identification, rebuilt from data/meddocan/train (BRAT). The
// tagger is ../ner's (hashed features with a jackknifed lexicon, averaged structured perceptron,
// BIOES, constrained Viterbi) with MEDDOCAN's types. Epochs are chosen on a held-out part of train
// (last 20% of documents, rules + model as served); the model is then refit on all of train and,
// when a dev folder is given, scored there through the exported ONNX graph.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readBratFolder, trainStructuredPerceptron, type BratDocument, type TaggerWeights } from '@suite/ml';
import { buildEmissionModel, EMISSION_INPUT, EMISSION_OUTPUT } from '../../ner/model/emission-model.onnx.js';
import { weightsEmissionScorer } from '../ner/weights-emission-scorer.js';
import { writeNerModelVersion } from '../ner/ner-model-writer.js';
import type { NerFeatureConfig } from '../../ner/features/ner-featurizer.js';
import { TagScheme } from '../../ner/tagging/tag-scheme.js';
import { buildTrainingSet } from '../ner/ner-training-data.js';
import { taggerSpec } from '../ner/tagger-selection.js';
import { type DeidScores, scoreDeid } from '../../deid/evaluation/deid-metrics.js';
import { DeidTokenizer } from '../../deid/model/deid-text-segmentation.js';
import {
  DEID_TASK,
  type CombinationPolicy,
  DEFAULT_COMBINATION,
  type DeidLanguage,
  type DeidModelCard,
  type DeidModelSpec,
  type ScoreWrittenParams,
  type WrittenModelScores,
} from '../../deid/model/deid-model-spec.js';
import { isMeddocanLabel, MEDDOCAN_LABELS, type MeddocanLabel } from '../../deid/deid-labels.js';
import type { EmissionScorer } from '../../ner/ner-tagger.js';
import { labelledSentencesOf } from './brat-phi-corpus.js';
import { ENGLISH_GAZETTEER_NAME } from '../../deid/gazetteer/english-gazetteer.js';

export const DEID_SEED = 20190601;
const F1_TOLERANCE = 0.01;
export const DEID_MODEL_NAME = 'deid-meddocan';
export const ENGLISH_DEID_MODEL_NAME = 'deid-physionet';

/** What one corpus needs: its language, model name, card texts and the map of its types onto labels. */
export interface DeidCorpus {
  language: DeidLanguage;
  modelName: string;
  command: string;
  description: string;
  data: string;
  licence: string;
  split: string;
  /**
   * How the O-bias is chosen on validation: `f1` keeps F1 within F1_TOLERANCE of the unbiased one;
   * `charPrecision` takes the largest bias whose type-blind character precision stays >= the value
   * (privacy first: the most PHI removed that the text can afford).
   */
  operatingPoint: { f1Tolerance: number } | { minCharPrecision: number };
  /** Gold type -> MEDDOCAN label the tagger learns (identity for MEDDOCAN). */
  labelOf: (type: string) => MeddocanLabel | undefined;
  /** Changes to DEID_FEATURES for this corpus (its card records the result). */
  features?: Partial<NerFeatureConfig>;
}

export const MEDDOCAN_CORPUS: DeidCorpus = {
  language: 'es',
  modelName: DEID_MODEL_NAME,
  command: 'npm run cli -- train deid',
  description:
    'PHI tagger for Spanish clinical text (MEDDOCAN types; averaged perceptron over hashed features), combined with rules by DeidService',
  data: 'data/meddocan/train (MEDDOCAN, Spanish clinical case reports with synthetic PHI, BRAT). Marimon et al. (2019), IberLEF 2019; PlanTL-GOB-ES/SPACCC_MEDDOCAN',
  licence: 'CC BY 4.0 (data/meddocan/LICENSE), copyright 2019 SEAD',
  split:
    'train: data/meddocan/train; evaluation: MEDDOCAN dev (data/meddocan/dev), never used for training or selection',
  operatingPoint: { f1Tolerance: F1_TOLERANCE },
  labelOf: (t) => (isMeddocanLabel(t) ? t : undefined),
};

// PhysioNet's coarse types as the MEDDOCAN labels whose PhiType they are (hospitals are LOCATION
// there; clinicians, relatives and patients are all NAME).
const PHYSIONET_LABELS: Record<string, MeddocanLabel> = {
  NAME: 'NOMBRE_SUJETO_ASISTENCIA',
  DATE: 'FECHAS',
  LOCATION: 'TERRITORIO',
  CONTACT: 'NUMERO_TELEFONO',
  AGE: 'EDAD_SUJETO_ASISTENCIA',
};

export const PHYSIONET_CORPUS: DeidCorpus = {
  language: 'en',
  modelName: ENGLISH_DEID_MODEL_NAME,
  command: 'npm run cli -- train deid --language en',
  description:
    'PHI tagger for English clinical notes (PhysioNet deid gold standard; averaged perceptron over hashed features), combined with rules by DeidService',
  data: 'data/physionet-deid/train (PhysioNet deid 1.1 gold standard: MIMIC-II nursing notes with surrogate PHI, BRAT; 101 patients). Neamatullah et al. (2008), BMC Med Inform Decis Mak 8:32',
  licence: 'GPL-2.0 (data/physionet-deid/COPYING), corpus distributed openly with the deid package',
  split:
    'by patient: train data/physionet-deid/train (101 patients), dev data/physionet-deid/dev (25 patients, dev-patients.txt), dev never used for training or selection',
  operatingPoint: { minCharPrecision: 0.85 },
  labelOf: (t) => PHYSIONET_LABELS[t],
  // Real notes need more than MEDDOCAN's features: name lists (first names, surnames, English-word
  // ambiguity; the clinical-word flag is left out, the tagger learns the notes' words itself), cue
  // words within three words (`d/w dr. X`, `son X`, `X RN`), case-insensitive shapes, a wider window.
  features: {
    bits: 15,
    maxFeatures: 96,
    window: 3,
    gazetteer: ENGLISH_GAZETTEER_NAME,
    gazetteerMask: 31,
    cues: true,
  },
};
const OUTSIDE_BIASES = [0, 5, 10, 15, 20, 25, 30, 40, 50];
const FINE_OUTSIDE_BIASES = [0, 5, 10, 12.5, 15, 17.5, 20, 22.5, 25, 30];
/** Folds of the cross-validation that chooses the English O-bias. */
const BIAS_FOLDS = 5;

export const DEID_FEATURES: NerFeatureConfig = {
  bits: 14,
  maxFeatures: 80,
  charNgrams: [3, 4],
  window: 2,
  lexicon: true,
};

/**
 * De-identification as the service serves it (rules, the tagger, their combination, the engine),
 * which selection and dev scoring run: this package does not import the service, so the caller (the
 * CLI) passes apps/medical-records' deidTrainingPipeline.
 */
/** One document's gold and predicted spans, as scoreDeid reads them. */
export type ScoredDocument = Parameters<typeof scoreDeid>[0][number];

export interface DeidTrainingPipeline {
  /**
   * Scores of each combination policy on BRAT documents: rules and the tagger of `spec` (emissions
   * from `scorer`) run once, combined as served.
   */
  scorePolicies(
    spec: DeidModelSpec,
    scorer: EmissionScorer,
    documents: readonly BratDocument[],
    language: DeidLanguage,
    policies: readonly CombinationPolicy[],
  ): Promise<DeidScores[]>;
  /** Per policy, each document's gold and served predictions (to score, or to pool across folds). */
  policyPredictions(
    spec: DeidModelSpec,
    scorer: EmissionScorer,
    documents: readonly BratDocument[],
    language: DeidLanguage,
    policies: readonly CombinationPolicy[],
  ): Promise<ScoredDocument[][]>;
  /** The written model through the engine on `documents`: rules + model (`policy`), rules, model. */
  scoreWritten(params: ScoreWrittenParams): Promise<WrittenModelScores>;
}

export interface TrainDeidOptions {
  trainDir: string;
  /** Rules + model as served, for selection and dev scores. */
  pipeline: DeidTrainingPipeline;
  modelsDir: string;
  version: string;
  /** Scored after training (MEDDOCAN dev); never used for training or selection. */
  devDir?: string;
  maxEpochs?: number;
  /** Skip selection and train this many epochs (experiments). */
  epochs?: number;
  features?: Partial<NerFeatureConfig>;
  corpus?: DeidCorpus;
  log?: (message: string) => void;
}

const round = (v: number): number => Math.round(v * 10000) / 10000;

function summary(s: DeidScores) {
  return {
    f1: round(s.f1),
    precision: round(s.precision),
    recall: round(s.recall),
    leakRecall: round(s.leakRecall),
    charPrecision: round(s.charPrecision),
    n: s.n,
    perType: Object.fromEntries(
      Object.entries(s.perType).map(([t, v]) => [
        t,
        { f1: round(v.f1), precision: round(v.precision), recall: round(v.recall), support: v.support },
      ]),
    ),
  };
}

function fit(
  documents: readonly BratDocument[],
  scheme: TagScheme,
  features: NerFeatureConfig,
  epochs: number,
  onEpoch?: (w: TaggerWeights) => void,
) {
  const tokenizer = new DeidTokenizer();
  const set = buildTrainingSet(
    documents.flatMap((d) => labelledSentencesOf(d, tokenizer)),
    scheme,
    features,
  );
  const weights = trainStructuredPerceptron(set.examples, {
    labels: scheme.size,
    rows: set.featurizer.dimension,
    epochs,
    seed: DEID_SEED,
    mask: scheme.transitionMask(),
    onEpoch: onEpoch && ((_, w) => onEpoch({ ...w, emission: Float32Array.from(w.emission) })),
  });
  return { weights, lexicon: set.lexicon };
}

const POLICIES: readonly CombinationPolicy[] = [
  { overlap: 'model-first', propagateNames: true },
  { overlap: 'model-first', propagateNames: false },
  { overlap: 'longest', propagateNames: true },
  { overlap: 'longest', propagateNames: false },
];

/**
 * K folds of `documents` by patient (the name before its first `-`, as in pPPP-nNNN): every note
 * of a patient in the same fold, so that a held-out note's names were never seen in training.
 */
export function patientFolds<T extends { name: string }>(documents: readonly T[], k: number): T[][] {
  const patients = [...new Set(documents.map((d) => d.name.split('-')[0]))].sort();
  const fold = new Map(patients.map((p, i) => [p, i % k]));
  const folds: T[][] = Array.from({ length: k }, () => []);
  for (const d of documents) folds[fold.get(d.name.split('-')[0]) ?? 0].push(d);
  return folds;
}

export async function trainDeidModel(
  options: TrainDeidOptions,
): Promise<{ dir: string; card: DeidModelCard }> {
  const log = options.log ?? (() => undefined);
  const corpus = options.corpus ?? MEDDOCAN_CORPUS;
  const language = corpus.language;
  const features = { ...DEID_FEATURES, ...corpus.features, ...options.features };
  const maxEpochs = options.maxEpochs ?? 6;
  const train = (await readBratFolder(options.trainDir)).map((d) => asLabelled(d, corpus));
  const present = new Set(train.flatMap((d) => d.entities.map((e) => e.type)));
  const types = MEDDOCAN_LABELS.filter((t) => present.has(t));
  const scheme = new TagScheme(types);
  log(`${corpus.modelName} train: ${train.length} documents, ${types.length} types`);

  // Selection on the last 20% of train documents.
  const cut = Math.floor(train.length * 0.8);
  const grid: { epochs: number; policy: CombinationPolicy; f1: number; leakRecall: number }[] = [];
  const snapshots: TaggerWeights[] = [];
  let best = { epochs: options.epochs ?? 1, policy: DEFAULT_COMBINATION, f1: -1 };
  const selection = options.epochs
    ? { lexicon: undefined }
    : fit(train.slice(0, cut), scheme, features, maxEpochs, (w) => snapshots.push(w));
  for (const [k, weights] of snapshots.entries()) {
    const spec: DeidModelSpec = {
      ...taggerSpec(weights, types, features, selection.lexicon, null, 1),
      languages: [language],
    };
    const scores = await options.pipeline.scorePolicies(
      spec,
      weightsEmissionScorer(weights),
      train.slice(cut),
      language,
      POLICIES,
    );
    scores.forEach((s, p) => {
      grid.push({ epochs: k + 1, policy: POLICIES[p], f1: round(s.f1), leakRecall: round(s.leakRecall) });
      // Ties go to fewer epochs and to the earlier policy.
      if (s.f1 > best.f1) best = { epochs: k + 1, policy: POLICIES[p], f1: s.f1 };
    });
    log(
      `  epoch ${k + 1}: validation F1 ${scores.map((s) => s.f1.toFixed(4)).join(' / ')} (policies), leak recall ${scores.map((s) => s.leakRecall.toFixed(4)).join(' / ')}`,
    );
  }
  // Operating point: the largest O-bias whose validation F1 stays within F1_TOLERANCE of the
  // unbiased one (recall, i.e. fewer leaks, bought with a little precision).
  // Privacy first (`minCharPrecision`): the combination policy and the O-bias are chosen together,
  // the most leak recall whose validation character precision stays >= the bound.
  let outsideBias = 0;
  const biasGrid: {
    outsideBias: number;
    policy?: CombinationPolicy;
    f1: number;
    leakRecall: number;
    charPrecision: number;
  }[] = [];
  const chosen = snapshots[best.epochs - 1];
  const point = corpus.operatingPoint;
  if (chosen) {
    const base = taggerSpec(chosen, types, features, selection.lexicon, null, 1);
    const byLeaks = 'minCharPrecision' in point;
    const policies = byLeaks ? POLICIES : [best.policy];
    let bestLeak = -1;
    let bestPolicy = best.policy;
    // Privacy first: the O-bias is chosen on every train note once, by patient-grouped
    // cross-validation (a model of best.epochs fit on the other folds tags each fold), since one
    // 20% split holds too few leaks to rank biases.
    const folds = byLeaks
      ? patientFolds(train, BIAS_FOLDS).map((held, f) => {
          const rest = train.filter((d) => !held.includes(d));
          const fitted = fit(rest, scheme, features, best.epochs);
          log(`  fold ${f + 1}/${BIAS_FOLDS}: ${rest.length} notes fit, ${held.length} held out`);
          return {
            held,
            weights: fitted.weights,
            base: taggerSpec(fitted.weights, types, features, fitted.lexicon, null, 1),
          };
        })
      : [];
    for (const bias of byLeaks ? FINE_OUTSIDE_BIASES : OUTSIDE_BIASES) {
      let scores: DeidScores[];
      if (byLeaks) {
        const pooled: ScoredDocument[][] = policies.map(() => []);
        for (const fold of folds) {
          const spec: DeidModelSpec = { ...fold.base, languages: [language], outsideBias: bias };
          const byPolicy = await options.pipeline.policyPredictions(
            spec,
            weightsEmissionScorer(fold.weights),
            fold.held,
            language,
            policies,
          );
          byPolicy.forEach((docs, p) => pooled[p].push(...docs));
        }
        scores = pooled.map((docs) => scoreDeid(docs));
      } else {
        const spec: DeidModelSpec = { ...base, languages: [language], outsideBias: bias };
        scores = await options.pipeline.scorePolicies(
          spec,
          weightsEmissionScorer(chosen),
          train.slice(cut),
          language,
          policies,
        );
      }
      scores.forEach((s, p) => {
        biasGrid.push({
          outsideBias: bias,
          ...(byLeaks ? { policy: policies[p] } : {}),
          f1: round(s.f1),
          leakRecall: round(s.leakRecall),
          charPrecision: round(s.charPrecision),
        });
        log(
          `  O-bias ${bias}${byLeaks ? ` policy ${p}` : ''}: validation F1 ${s.f1.toFixed(4)}, leak recall ${s.leakRecall.toFixed(4)}, char precision ${s.charPrecision.toFixed(4)}`,
        );
        if ('f1Tolerance' in point) {
          if (s.f1 >= best.f1 - point.f1Tolerance) outsideBias = bias;
        } else if (s.charPrecision >= point.minCharPrecision && s.leakRecall > bestLeak) {
          bestLeak = s.leakRecall;
          outsideBias = bias;
          bestPolicy = policies[p];
        }
      });
    }
    best = { ...best, policy: bestPolicy };
  }
  log(`refit on all of train, ${best.epochs} epochs, O-bias ${outsideBias}`);
  const final = fit(train, scheme, features, best.epochs);
  const spec: DeidModelSpec = {
    ...taggerSpec(final.weights, types, features, final.lexicon, null, 1),
    languages: [language],
    combination: best.policy,
    outsideBias,
  };
  const rows = 2 ** features.bits;
  const onnx = buildEmissionModel(final.weights.emission, rows, scheme.size, features.maxFeatures);
  const command = corpus.command;
  const written = await writeNerModelVersion(
    options.modelsDir,
    {
      name: corpus.modelName,
      version: options.version,
      task: DEID_TASK,
      description: corpus.description,
      inputs: [{ name: EMISSION_INPUT, dtype: 'int64', shape: [-1, -1, features.maxFeatures] }],
      outputs: [{ name: EMISSION_OUTPUT, dtype: 'float32', shape: [-1, -1, scheme.size] }],
      labels: scheme.labels,
      training: {
        data: `${corpus.data}; ${train.length} documents`,
        licence: corpus.licence,
        command,
        seed: DEID_SEED,
        split: corpus.split,
        algorithm:
          'averaged structured perceptron (Collins 2002), BIOES, constrained Viterbi; features and trainer of apps/medical-records/src/ner',
        epochs: best.epochs,
        selection: {
          split:
            'minCharPrecision' in corpus.operatingPoint
              ? `epochs: first 80% of train documents fit, last 20% select; O-bias and combination: ${BIAS_FOLDS}-fold cross-validation on train by patient, held-out notes pooled (rules + model as served)`
              : 'first 80% of train documents fit, last 20% select (rules + model as served)',
          chosen: {
            epochs: best.epochs,
            combination: best.policy,
            outsideBias,
            validationF1: round(best.f1),
          },
          operatingPoint: corpus.operatingPoint,
          grid,
          biasGrid,
        },
      },
      batching: {
        maxBatchSize: 32,
        maxQueueDelayMicros: 500,
        maxQueueSize: 1024,
        maxBatchTokens: 4096,
        padValue: { [EMISSION_INPUT]: rows },
      },
      cacheable: true,
      extra: spec,
    },
    onnx,
  );
  log(`wrote ${written.dir}`);
  const writtenCard: DeidModelCard = { ...written.card, extra: spec };
  if (!options.devDir) return { dir: written.dir, card: writtenCard };
  const dev = await readBratFolder(options.devDir);
  const {
    rulesAndModel: devScores,
    rulesOnly,
    modelOnly,
  } = await options.pipeline.scoreWritten({
    modelsDir: options.modelsDir,
    name: corpus.modelName,
    version: options.version,
    documents: dev,
    language,
    policy: best.policy,
    log,
  });
  log(
    `dev: F1 ${devScores.f1.toFixed(4)} (model alone ${modelOnly.f1.toFixed(4)}), leak recall ${devScores.leakRecall.toFixed(4)}, char precision ${devScores.charPrecision.toFixed(4)}; rules alone leak recall ${rulesOnly.leakRecall.toFixed(4)}`,
  );
  const card: DeidModelCard = {
    ...writtenCard,
    metrics: {
      evaluatedOn: `${language === 'es' ? 'MEDDOCAN' : 'PhysioNet by-patient'} dev (${dev.length} documents; ${options.devDir})`,
      evaluatedAt: new Date().toISOString(),
      rulesAndModel: summary(devScores),
      rulesOnly: summary(rulesOnly),
      modelOnly: {
        f1: round(modelOnly.f1),
        precision: round(modelOnly.precision),
        recall: round(modelOnly.recall),
        leakRecall: round(modelOnly.leakRecall),
        charPrecision: round(modelOnly.charPrecision),
      },
    },
  };
  await writeFile(join(written.dir, 'model.json'), `${JSON.stringify(card, null, 2)}\n`);
  return { dir: written.dir, card };
}

/** The document with its gold types as the tagger's labels (types the corpus does not map are dropped). */
function asLabelled(document: BratDocument, corpus: DeidCorpus): BratDocument {
  return {
    ...document,
    entities: document.entities.flatMap((e) => {
      const type = corpus.labelOf(e.type);
      return type ? [{ ...e, type }] : [];
    }),
  };
}
