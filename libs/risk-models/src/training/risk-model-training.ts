// `train risk`: rebuilds the shipped risk model from data/credit-default/train.csv.
//   1. split by ID (credit-default-split.ts); fit the feature bins on the fit part
//   2. teacher: gradient-boosted trees on numeric + narrative features, early-stopped on calibration
//   3. student: monotone logistic scorecard distilled from the teacher (and, for the card, the same
//      student without the narrative's text features, to show what enrichment is worth)
//   4. Platt scaling on the calibration part, folded into the weights; reason baselines; drift baseline
//   5. ONNX export, written as a new version with its card; figures on the dev part, through the engine
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  evaluateProbabilities,
  fitPlattScaling,
  type LogisticRegression,
  type PlattParameters,
  type ProbabilityEvaluation,
  renderModelReport,
  rocCurve,
  roundFigures,
  type TrainingExample,
} from '@suite/ml';
import type { ModelCardDraft, WrittenModelVersion } from '@suite/onnx';
import { deriveAccountFacts } from '../applicant/account-facts.js';
import type { ApplicantRecord } from '../applicant/applicant-record.js';
import { type LabelledApplicant, readCreditDefaultCsv } from '../applicant/credit-default-csv.js';
import { REASON_GROUPS, type ReasonGroup } from '../features/reason-group.js';
import { RiskFeatureEncoder } from '../features/risk-features.js';
import {
  asRiskModelCard,
  type ReasonReferences,
  RISK_MODEL_NAME,
  RISK_MODEL_TASK,
  type RiskModelCard,
  type RiskModelExtra,
} from '../model/risk-model-card.js';
import {
  exportScorecardToOnnx,
  scorecardTensorSpecs,
  type ScorecardWeights,
} from '../model/scorecard-onnx.js';
import { fitDriftBaseline } from '../monitoring/drift-baseline.js';
import { splitCreditDefault, SPLIT_RULE } from './credit-default-split.js';
import { type StudentTrainingOptions, toSparseInput, trainScorecardStudent } from './scorecard-student.js';
import { TeacherFeatureEncoder } from './teacher-features.js';
import type { TeacherModel, TeacherTrainer } from './teacher-model.js';
import { extrapolationNote, extremeSegments, trainingRanges } from './training-extremes.js';

export const RISK_TRAINING_SEED = 20261128;
export const TEXT_BITS = 9;
export const RISK_BATCHING = { maxBatchSize: 256, maxQueueDelayMicros: 200, maxQueueSize: 4096 };

export const STUDENT_HYPERPARAMETERS: Omit<StudentTrainingOptions, 'teacherProbabilities' | 'warmStart'> = {
  epochs: 30,
  batchSize: 256,
  learningRate: 0.005,
  l2: 1e-3,
  seed: RISK_TRAINING_SEED,
  temperature: 1,
  softWeight: 0.7,
};

/** The card training writes (the writer adds the file's sha256 and the date). */
export type RiskModelDraft = ModelCardDraft & { extra: RiskModelExtra };

/**
 * Where training meets serving, passed in by the caller (the CLI: libs/inference's version writer and
 * the service's scorer), since a training package never imports the engine: training builds the graph
 * and its card, the repository writes them, and the figures on the card are those of the served graph.
 */
export interface RiskModelRepository {
  /** Writes one version (Triton layout: graph + card with its sha256) and returns the card written. */
  writeVersion(
    root: string,
    draft: RiskModelDraft,
    onnx: Uint8Array,
    options?: { overwrite?: boolean },
  ): Promise<WrittenModelVersion>;
  /** Opens a written version through the inference engine (no database). */
  openServed(
    modelsDir: string,
    version: string,
    log: (message: string) => void,
  ): Promise<{
    /** Probability of default of each record, in order. */
    score(records: readonly ApplicantRecord[]): Promise<number[]>;
    close(): Promise<void>;
  }>;
}

export interface RiskTrainingOptions {
  dataPath: string;
  modelsDir: string;
  version: string;
  repository: RiskModelRepository;
  teacherTrainer?: TeacherTrainer;
  overwrite?: boolean;
  log: (message: string) => void;
  /** The command line recorded on the card. */
  command?: string;
}

interface StudentOutcome {
  weights: ScorecardWeights;
  platt: PlattParameters;
  dev: ProbabilityEvaluation;
}

export async function trainRiskModel(
  options: RiskTrainingOptions,
): Promise<{ dir: string; card: RiskModelCard }> {
  const { log } = options;
  const rows = await readCreditDefaultCsv({ path: options.dataPath });
  const parts = splitCreditDefault(rows.filter((r) => r.label !== undefined));
  log(
    `${options.dataPath}: ${rows.length} rows; fit ${parts.fit.length}, calibration ${parts.calibration.length}, dev ${parts.dev.length}`,
  );

  const teacherFigures: Record<string, unknown> = {};
  let teacherFit: number[] | undefined;
  if (options.teacherTrainer) {
    for (const withText of [false, true]) {
      const { model, dev, latencyMs } = trainTeacher(options.teacherTrainer, withText, parts, log);
      teacherFigures[withText ? 'withEnrichment' : 'withoutEnrichment'] = {
        ...summary(dev),
        latencyMsPerApplicant: latencyMs,
      };
      if (withText) {
        const encoder = new TeacherFeatureEncoder(true);
        teacherFit = parts.fit.map((r) => model.predictProbability(encoder.encode(r.record)));
        teacherFigures.model = model.description;
        teacherFigures.dev = dev;
      }
    }
  }

  const students: Record<
    'withEnrichment' | 'withoutEnrichment',
    { encoder: RiskFeatureEncoder; outcome: StudentOutcome }
  > = {} as never;
  for (const withText of [false, true]) {
    const encoder = RiskFeatureEncoder.fit(
      parts.fit.map((r) => r.record),
      { enabled: withText, bits: TEXT_BITS },
    );
    const outcome = trainStudent(encoder, parts, teacherFit, log);
    log(`student ${withText ? 'with' : 'without'} enrichment: dev AUC ${outcome.dev.auc.toFixed(4)}`);
    students[withText ? 'withEnrichment' : 'withoutEnrichment'] = { encoder, outcome };
  }
  const { encoder, outcome } = students.withEnrichment;
  const fitExamples = parts.fit.map((r) => encoder.encode(r.record));
  const fitProbabilities = fitExamples.map((e) => probabilityOf(outcome.weights, e.indices, e.values));
  const labelled = rows.filter((r) => r.label !== undefined);
  const ranges = trainingRanges(labelled);

  const draft: RiskModelDraft = {
    name: RISK_MODEL_NAME,
    version: options.version,
    task: RISK_MODEL_TASK,
    description:
      'Probability of default next month (UCI credit-card clients): a monotone logistic scorecard over binned account ' +
      'history and hashed words of the enricher narrative, distilled from gradient-boosted trees, Platt-calibrated.',
    ...scorecardTensorSpecs(encoder.width),
    labels: ['default'],
    batching: RISK_BATCHING,
    cacheable: false,
    metrics: {},
    training: {
      data: 'data/credit-default/train.csv: UCI Default of Credit Card Clients (Yeh & Lien 2009), train split',
      licence: 'CC BY 4.0',
      command: options.command ?? 'npm run cli -- train risk',
      seed: RISK_TRAINING_SEED,
      split: SPLIT_RULE,
      rows: { fit: parts.fit.length, calibration: parts.calibration.length, dev: parts.dev.length },
      student: STUDENT_HYPERPARAMETERS,
    },
    extra: {
      kind: 'risk-scorecard',
      featureSpec: encoder.spec,
      width: encoder.width,
      reasonBaselines: reasonBaselines(outcome.weights, fitExamples),
      reasonReferences: reasonReferences(parts.fit.map((r) => r.record)),
      platt: outcome.platt,
      driftBaseline: fitDriftBaseline(
        parts.fit.map((r) => r.record),
        fitProbabilities,
      ),
      extrapolation: { ranges, note: extrapolationNote(ranges, []) },
    },
  };
  const onnx = exportScorecardToOnnx(outcome.weights, { 'suite.version': options.version });
  // Measured through the engine from a scratch repository first, so that a failure leaves no version
  // without figures behind.
  const scratch = await mkdtemp(join(tmpdir(), 'risk-model-'));
  let served: Awaited<ReturnType<typeof measureServedStudent>>;
  try {
    await options.repository.writeVersion(scratch, draft, onnx);
    served = await measureServedStudent(options.repository, scratch, options.version, parts.dev, log);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const extremes = extremeSegments(labelled, parts.dev, served.probabilities);
  const teacherAuc = (teacherFigures.withEnrichment as { auc?: number } | undefined)?.auc;
  draft.metrics = roundFigures({
    split: 'dev',
    ...served.evaluation,
    latencyMsPerApplicant: served.latencyMs,
    teacher: teacherFigures,
    student: {
      withEnrichment: { ...summary(outcome.dev), latencyMsPerApplicant: served.latencyMs },
      withoutEnrichment: summary(students.withoutEnrichment.outcome.dev),
    },
    ...(teacherAuc ? { studentToTeacherAuc: served.evaluation.auc / teacherAuc } : {}),
    // Train: every labelled row of the training file; dev: the dev part, scored by the served model.
    extremes,
  });
  draft.extra.extrapolation = { ranges, note: extrapolationNote(ranges, extremes) };
  const written = await options.repository.writeVersion(options.modelsDir, draft, onnx, {
    overwrite: options.overwrite,
  });
  const card = asRiskModelCard(written.card);
  await writeFile(join(written.dir, 'report.html'), trainingReport(card, served, parts.dev));
  log(`wrote ${written.dir} (model.onnx, model.json, report.html)`);
  return { dir: written.dir, card };
}

function trainTeacher(
  trainer: TeacherTrainer,
  withText: boolean,
  parts: Record<'fit' | 'calibration' | 'dev', LabelledApplicant[]>,
  log: (message: string) => void,
): { model: TeacherModel; dev: ProbabilityEvaluation; latencyMs: number } {
  const encoder = new TeacherFeatureEncoder(withText);
  const data = (rows: LabelledApplicant[]) => ({
    rows: rows.map((r) => encoder.encode(r.record)),
    labels: rows.map((r) => r.label ?? 0),
    featureNames: encoder.featureNames,
  });
  log(`teacher ${withText ? 'with' : 'without'} enrichment: training`);
  const model = trainer.train(data(parts.fit), data(parts.calibration), log);
  const dev = data(parts.dev);
  const started = performance.now();
  const probabilities = dev.rows.map((row) => model.predictProbability(row));
  const latencyMs = (performance.now() - started) / dev.rows.length;
  const evaluation = evaluateProbabilities(dev.labels, probabilities);
  log(`teacher ${withText ? 'with' : 'without'} enrichment: dev AUC ${evaluation.auc.toFixed(4)}`);
  return { model, dev: evaluation, latencyMs };
}

/** Distils (or, without a teacher, fits) the student, then calibrates and folds the calibration in. */
export function trainStudent(
  encoder: RiskFeatureEncoder,
  parts: Record<'fit' | 'calibration' | 'dev', LabelledApplicant[]>,
  teacherFit: number[] | undefined,
  log: (message: string) => void,
  warmStart?: LogisticRegression,
): StudentOutcome {
  const examples = (rows: LabelledApplicant[]): TrainingExample[] =>
    rows.map((r) => ({ x: toSparseInput(encoder.encode(r.record)), label: r.label ?? 0 }));
  const model = trainScorecardStudent(encoder, examples(parts.fit), {
    ...STUDENT_HYPERPARAMETERS,
    teacherProbabilities: teacherFit,
    warmStart,
  });
  const calibration = examples(parts.calibration);
  const platt = fitPlattScaling(
    calibration.map((e) => logitOf(model, e)),
    calibration.map((e) => e.label),
  );
  const weights = foldCalibration(model, platt, encoder.width);
  const dev = parts.dev.map((r) => encoder.encode(r.record));
  const evaluation = evaluateProbabilities(
    parts.dev.map((r) => r.label ?? 0),
    dev.map((e) => probabilityOf(weights, e.indices, e.values)),
  );
  log(`student: Platt a=${platt.a.toFixed(3)} b=${platt.b.toFixed(3)}`);
  return { weights, platt, dev: evaluation };
}

function logitOf(model: LogisticRegression, example: TrainingExample): number {
  const p = Math.min(Math.max(model.predictPositive(example.x), 1e-12), 1 - 1e-12);
  return Math.log(p / (1 - p));
}

export function foldCalibration(
  model: LogisticRegression,
  platt: PlattParameters,
  width: number,
): ScorecardWeights {
  const layer = model.describeNetwork().layers[0];
  const weights = Float32Array.from(layer.weights, (w) => platt.a * w);
  weights[0] = 0;
  return { weights, bias: platt.a * layer.bias[0] + platt.b, width };
}

export function probabilityOf(weights: ScorecardWeights, indices: Int32Array, values: Float32Array): number {
  let z = weights.bias;
  for (let k = 0; k < indices.length; k++) z += weights.weights[indices[k]] * values[k];
  return 1 / (1 + Math.exp(-z));
}

/** Training medians of the two-sided reason factors. */
export function reasonReferences(records: readonly ApplicantRecord[]): ReasonReferences {
  const facts = records.map(deriveAccountFacts);
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };
  return {
    balanceMean: median(facts.map((f) => f.balanceMean)),
    utilisationTrend: median(facts.map((f) => f.utilisationTrend)),
  };
}

/** Mean log-odds contribution of each reason group over the training applicants. */
export function reasonBaselines(
  weights: ScorecardWeights,
  encoded: readonly { indices: Int32Array; values: Float32Array; groups: ReasonGroup[] }[],
): Record<ReasonGroup, number> {
  const sums = Object.fromEntries(REASON_GROUPS.map((g) => [g, 0])) as Record<ReasonGroup, number>;
  for (const e of encoded)
    for (let k = 0; k < e.indices.length; k++)
      sums[e.groups[k]] += weights.weights[e.indices[k]] * e.values[k];
  for (const g of REASON_GROUPS) sums[g] /= encoded.length;
  return sums;
}

async function measureServedStudent(
  repository: RiskModelRepository,
  modelsDir: string,
  version: string,
  dev: LabelledApplicant[],
  log: (message: string) => void,
): Promise<{ evaluation: ProbabilityEvaluation; latencyMs: number; probabilities: number[] }> {
  const opened = await repository.openServed(modelsDir, version, log);
  try {
    const probabilities = await opened.score(dev.map((r) => r.record));
    const evaluation = evaluateProbabilities(
      dev.map((r) => r.label ?? 0),
      probabilities,
    );
    // One applicant per call, as the API scores: encoding + engine round trip.
    const sample = dev.slice(0, 300).map((r) => r.record);
    const started = performance.now();
    for (const record of sample) await opened.score([record]);
    const latencyMs = (performance.now() - started) / sample.length;
    log(
      `student through the engine: dev AUC ${evaluation.auc.toFixed(4)}, ${latencyMs.toFixed(3)} ms per applicant`,
    );
    return { evaluation, latencyMs, probabilities };
  } finally {
    await opened.close();
  }
}

/** The HTML report beside the card: figures, ROC curve and reliability diagram on the dev part. */
function trainingReport(
  card: RiskModelCard,
  served: { evaluation: ProbabilityEvaluation; probabilities: number[] },
  dev: LabelledApplicant[],
): string {
  const m = card.metrics as Record<string, unknown>;
  const teacher = (m.teacher ?? {}) as Record<string, { auc?: number } | undefined>;
  const student = m.student as Record<string, { auc: number }>;
  const roc = rocCurve(
    dev.map((r) => r.label ?? 0),
    served.probabilities,
  );
  const step = Math.max(1, Math.floor(roc.length / 400));
  return renderModelReport({
    title: `${card.name} ${card.version}: probability of default (dev split)`,
    metrics: {
      n: served.evaluation.n,
      auc: served.evaluation.auc,
      ks: served.evaluation.ks,
      brier: served.evaluation.brier,
      ece: served.evaluation.ece,
      'auc, student without enrichment': student.withoutEnrichment.auc,
      ...(teacher.withEnrichment?.auc !== undefined && { 'auc, teacher (GBDT)': teacher.withEnrichment.auc }),
      ...(teacher.withoutEnrichment?.auc !== undefined && {
        'auc, teacher without enrichment': teacher.withoutEnrichment.auc,
      }),
      ...(typeof m.studentToTeacherAuc === 'number' && { 'student / teacher auc': m.studentToTeacherAuc }),
      'ms per applicant (engine)': Number(m.latencyMsPerApplicant),
    },
    rocCurve: [{ fpr: 0, tpr: 0 }, ...roc.filter((_, i) => i % step === 0 || i === roc.length - 1)],
    calibration: served.evaluation.calibration,
    notes: [
      `Data: ${card.training?.data ?? ''}; licence ${card.training?.licence ?? ''}.`,
      `Split: ${String(card.training?.split ?? '')}.`,
      `Rebuilt by: ${card.training?.command ?? ''}.`,
      ...(card.extra.extrapolation ? [`Where the model extrapolates: ${card.extra.extrapolation.note}`] : []),
    ],
  });
}

function summary(e: ProbabilityEvaluation): Record<string, number> {
  return { auc: e.auc, ks: e.ks, brier: e.brier, ece: e.ece };
}
