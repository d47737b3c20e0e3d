// `train invoice`: the field line classifier, rebuilt from data/sroie (SROIE ground-truth OCR boxes and
// key fields of the 626 training receipts less the dev part). Softmax regression over hashed layout
// features of each line and its neighbours (libs/ml), exported to ONNX with the sparse input layout,
// written as models/invoice-fields/<version>; the structure (one company block at the top, one
// contiguous address block, the total on a total-like row) is the decoder's (field-extraction.ts).
// Card figures are on the dev receipts (isDevReceipt) from their ground-truth boxes; the end-to-end
// figure from pixels is `eval invoice --split dev`. The model repository's writer (libs/inference)
// comes in as options.write, bound by the CLI: this package imports no serving code.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  exportClassifierToOnnx,
  murmurHash3Signed,
  readSroieFolder,
  Rng,
  silentProgress,
  SROIE_FIELDS,
  type SroieField,
  type SroieKey,
  type SroieReceipt,
  type TrainingProgressListener,
  trainSoftmaxRegression,
  type SoftmaxRegression,
} from '@suite/ml';
import type { ModelCardDraft } from '@suite/onnx';
import { withOcrNoise } from './ocr-noise.js';
import {
  calibrate,
  type FieldCalibrations,
  fitFieldCalibrations,
  TARGET_PRECISION,
} from '../../invoices/field-confidence.js';
import { type ExtractedFields, extractFields } from '../../invoices/field-extraction.js';
import { sroieNormalise } from '../../invoices/field-normalisation.js';
import { FIELD_LABELS, INVOICE_FIELD_MODEL } from '../../invoices/invoice-field-card.js';
import { LINE_FEATURE_BITS, lineFeatures } from '../../invoices/line-features.js';
import type { ModelVersionWriter } from '../../model-draft.js';
import { scoreSroie } from './sroie-evaluation.js';
import { labelLines, layoutOf, selectSplit, SROIE_SPLIT } from './sroie-training-data.js';

/**
 * The validation part of the training receipts (one in five by a second hash of the id): decoder
 * weights and the confidence calibration are chosen on it, never on dev; the shipped model is then
 * trained on all training receipts.
 */
export const VALIDATION_SPLIT = { seed: 7, oneIn: 5 } as const;

export function isValidationReceipt(id: string): boolean {
  return Math.abs(murmurHash3Signed(id, VALIDATION_SPLIT.seed)) % VALIDATION_SPLIT.oneIn === 0;
}

export const INVOICE_TRAINING = {
  seed: 20251202,
  epochs: 40,
  batchSize: 16,
  learningRate: 0.02,
  featureBits: LINE_FEATURE_BITS,
  /** A second, OCR-noised copy of every training receipt (ocr-noise.ts). */
  ocrNoise: false,
  /** The card's date (fixed, so that a rebuild gives the same bytes). */
  date: '2026-12-04T00:00:00.000Z',
} as const;

export interface InvoiceTrainingOptions {
  /** Folder with box/ and key/ (SROIE layout); default data/sroie/train. */
  dataDir: string;
  /** More receipts in the same layout, all trained on (the synthetic augmentation); optional. */
  augmentDir?: string;
  modelsDir: string;
  /** Writes the version into modelsDir (libs/inference's writeModelVersion). */
  write: ModelVersionWriter;
  version: string;
  overwrite?: boolean;
  progress?: TrainingProgressListener;
  log: (message: string) => void;
}

/**
 * Labelled lines of each receipt as examples; with `noise`, each receipt a second time with OCR-like
 * noise (ocr-noise.ts), so that the classifier has seen lines as our OCR reads them.
 */
export function examplesOf(receipts: readonly SroieReceipt[], noise?: Rng) {
  return receipts.flatMap((r) => {
    const lines = layoutOf(r);
    const labels = labelLines(lines, r.key ?? {});
    const copies = [{ lines, labels }];
    if (noise) copies.push(withOcrNoise({ lines, labels }, noise));
    return copies.flatMap((c) =>
      lineFeatures(c.lines, INVOICE_TRAINING.featureBits).map((x, i) => ({
        x,
        label: FIELD_LABELS.indexOf(c.labels[i]),
      })),
    );
  });
}

/** Fields predicted from ground-truth boxes with an in-process model (training-time figures). */
export function fieldsFromBoxes(model: SoftmaxRegression, receipt: SroieReceipt): ExtractedFields {
  const lines = layoutOf(receipt);
  const probs = lineFeatures(lines, INVOICE_TRAINING.featureBits).map((x) => model.predictProba(x));
  return extractFields(lines, probs);
}

export function predictFromBoxes(model: SoftmaxRegression, receipt: SroieReceipt): SroieKey {
  const fields = fieldsFromBoxes(model, receipt);
  const key: SroieKey = {};
  for (const f of SROIE_FIELDS) if (fields[f]) key[f] = fields[f].value;
  return key;
}

type CalibrationSamples = Record<SroieField, { raw: number; correct: boolean }[]>;

/** Per key field, the decoder's raw confidence and whether the value was right, on `receipts`. */
function calibrationSamples(model: SoftmaxRegression, receipts: readonly SroieReceipt[]): CalibrationSamples {
  const samples = Object.fromEntries(
    SROIE_FIELDS.map((f) => [f, [] as { raw: number; correct: boolean }[]]),
  ) as CalibrationSamples;
  for (const r of receipts) {
    const fields = fieldsFromBoxes(model, r);
    for (const f of SROIE_FIELDS) {
      const got = fields[f];
      if (!got) continue;
      const expected = r.key?.[f];
      samples[f].push({
        raw: got.confidence,
        correct: expected !== undefined && sroieNormalise(expected) === sroieNormalise(got.value),
      });
    }
  }
  return samples;
}

/** What a calibration gives on `samples`: the share stated, their precision, the ECE. */
function calibrationReport(samples: CalibrationSamples, calibration: FieldCalibrations) {
  return Object.fromEntries(
    SROIE_FIELDS.map((f) => {
      const stated = samples[f].filter((s) => calibrate(s.raw, calibration[f]) >= calibration[f].threshold);
      return [
        f,
        {
          threshold: calibration[f].threshold,
          statedShare: round4(stated.length / Math.max(1, samples[f].length)),
          precisionWhenStated: round4(stated.filter((s) => s.correct).length / Math.max(1, stated.length)),
          expectedCalibrationError: round4(
            expectedCalibrationError(
              samples[f].map((s) => ({ p: calibrate(s.raw, calibration[f]), y: s.correct })),
            ),
          ),
        },
      ];
    }),
  );
}

/** ECE over 10 equal-width bins (Guo et al. 2017, "On calibration of modern neural networks", §2). */
function expectedCalibrationError(points: readonly { p: number; y: boolean }[]): number {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, p: 0, y: 0 }));
  for (const { p, y } of points) {
    const b = bins[Math.min(9, Math.floor(p * 10))];
    b.n++;
    b.p += p;
    b.y += y ? 1 : 0;
  }
  return bins.reduce(
    (s, b) => s + (b.n === 0 ? 0 : (b.n / points.length) * Math.abs(b.p / b.n - b.y / b.n)),
    0,
  );
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

export async function trainInvoiceFieldModel(options: InvoiceTrainingOptions) {
  const { log } = options;
  const target = join(options.modelsDir, INVOICE_FIELD_MODEL, options.version);
  if (
    !options.overwrite &&
    (await stat(target).then(
      () => true,
      () => false,
    ))
  )
    throw new Error(`${target} exists: pass --overwrite or another --version`);
  const receipts = (await readSroieFolder(options.dataDir)).filter((r) => r.lines && r.key);
  const augment = options.augmentDir
    ? (await readSroieFolder(options.augmentDir)).filter((r) => r.lines && r.key)
    : [];
  const sroieTrain = selectSplit(receipts, 'train');
  const validation = sroieTrain.filter((r) => isValidationReceipt(r.id));
  const fit = [...sroieTrain.filter((r) => !isValidationReceipt(r.id)), ...augment];
  const train = [...sroieTrain, ...augment];
  const dev = selectSplit(receipts, 'dev');
  const fitModel = (on: readonly SroieReceipt[], label: string) => {
    const examples = examplesOf(on, INVOICE_TRAINING.ocrNoise ? new Rng(INVOICE_TRAINING.seed) : undefined);
    log(`${label}: ${on.length} receipts (${examples.length} lines)`);
    return trainSoftmaxRegression(examples, {
      inputDim: 1 << INVOICE_TRAINING.featureBits,
      classes: FIELD_LABELS.length,
      epochs: INVOICE_TRAINING.epochs,
      batchSize: INVOICE_TRAINING.batchSize,
      seed: INVOICE_TRAINING.seed,
      optimizer: { kind: 'adam' },
      learningRate: INVOICE_TRAINING.learningRate,
      progress: options.progress ?? silentProgress,
      label,
    });
  };
  log(
    `${train.length} training receipts (${augment.length} synthetic; ${validation.length} of them the validation part); ${dev.length} dev receipts in ${options.dataDir}`,
  );
  // 1. Without the validation part: its figures, and the calibration fitted on its unseen receipts.
  const held = fitModel(fit, 'invoice-fields (less validation)').model;
  const score = (model: SoftmaxRegression, on: readonly SroieReceipt[]) =>
    scoreSroie(on.map((r) => ({ predicted: predictFromBoxes(model, r), expected: r.key! })));
  const validationScore = score(held, validation);
  const calibration = fitFieldCalibrations(calibrationSamples(held, validation));
  // 2. The shipped model, on every training receipt, with that calibration; dev is only reported.
  const { model, report } = fitModel(train, 'invoice-fields');
  const trainScore = score(model, train);
  const devScore = dev.length > 0 ? score(model, dev) : undefined;
  const devLines = examplesOf(dev);
  const lineAccuracy =
    devLines.length === 0
      ? undefined
      : devLines.filter((e) => argmax(model.predictProba(e.x)) === e.label).length / devLines.length;
  const calibrated = { calibration, report: calibrationReport(calibrationSamples(model, dev), calibration) };
  const bytes = exportClassifierToOnnx(model, { input: 'sparse', graphName: 'invoice_fields' });
  const draft: ModelCardDraft = {
    name: INVOICE_FIELD_MODEL,
    version: options.version,
    task: 'receipt-line-classification',
    description:
      'Which SROIE key field a receipt line holds (other, company, address, date, total): softmax regression over ' +
      'signed hashed layout features of the line (words with digit shapes, prefixes, bigrams, the words of the boxes ' +
      'left and right on its row and of the rows above and below, receipt keywords spotted inside run-together OCR words ' +
      '(TOTALGBP) of the line, its row and the rows above and below, patterns two rows away, row from top and bottom, ' +
      'x, width, font height against the median, date/amount/company/postcode/contact patterns, the rank and ' +
      "repetition of its amount among the receipt's amounts). Input: indices int64 + values float32 [lines, nnz] " +
      '(pad: index 0, value 0). Decoded into fields by apps/customer-service/src/invoices/field-extraction.ts ' +
      '(max-sum blocks of log-odds for company and address, opened by a street-number line; the total by clamped ' +
      "log-odds plus a total-row bonus, never 0.00, after rounding; dates in the order of the receipt's country).",
    inputs: [
      { name: 'indices', dtype: 'int64', shape: [-1, -1] },
      { name: 'values', dtype: 'float32', shape: [-1, -1] },
    ],
    outputs: [{ name: 'probabilities', dtype: 'float32', shape: [-1, FIELD_LABELS.length] }],
    labels: [...FIELD_LABELS],
    batching: {
      maxBatchSize: 256,
      maxQueueDelayMicros: 1000,
      maxQueueSize: 4096,
      maxBatchTokens: 256 * 512,
      padValue: 0,
    },
    cacheable: false,
    metrics: {
      devReceipts: dev.length,
      devFromGroundTruthBoxes: devScore,
      validationFromGroundTruthBoxes: {
        note: 'the model trained without the validation part, on it (what decoder weights and calibration were chosen on)',
        ...validationScore,
      },
      devLineAccuracy: lineAccuracy === undefined ? undefined : Math.round(lineAccuracy * 1e4) / 1e4,
      trainFromGroundTruthBoxes: { f1: trainScore.f1, n: trainScore.n },
      confidenceOnDev: {
        note: `Platt scaling per field and the lowest threshold whose stated fields are right >= ${JSON.stringify(TARGET_PRECISION)}, fitted on the validation part of the training receipts (scored by the model trained without it); measured here on dev with the shipped model`,
        ...calibrated.report,
      },
      endToEndNote:
        'from pixels (our OCR) on the 30 dev receipts with images: npm run -s cli -- eval invoice --data data/sroie/train --split dev --json',
    },
    training: {
      data:
        'data/sroie/train/{box,key}: the 626 ICDAR 2019 SROIE training receipts (Huang et al. 2019) less the dev split; ' +
        'ground-truth OCR lines labelled by the key fields' +
        (augment.length > 0 ? `; plus ${augment.length} synthetic receipts from ${options.augmentDir}` : ''),
      licence: 'CC BY 4.0 (ICDAR 2019 RRC; data/sroie/README.md)',
      command: 'npm run cli -- train invoice',
      seed: INVOICE_TRAINING.seed,
      split: `dev (never trained on, never selected on): the 30 receipts with images (SROIE_IMAGE_RECEIPTS) and those with |murmur3(id, ${SROIE_SPLIT.seed})| % ${SROIE_SPLIT.devOneIn} == 0; train: the rest; validation (part of train, for decoder weights and calibration): |murmur3(id, ${VALIDATION_SPLIT.seed})| % ${VALIDATION_SPLIT.oneIn} == 0`,
      receipts: {
        train: train.map((r) => r.id),
        validation: validation.map((r) => r.id),
        dev: dev.map((r) => r.id),
      },
      recipe: INVOICE_TRAINING,
      finalTrainLoss: report.epochs.at(-1)?.trainLoss,
    },
    extra: { featureBits: INVOICE_TRAINING.featureBits, calibration: calibrated.calibration },
  };
  const written = await options.write(draft, bytes, {
    overwrite: options.overwrite,
    now: () => new Date(INVOICE_TRAINING.date),
  });
  log(`wrote ${written.dir} (dev F1 from ground-truth boxes: ${devScore?.f1 ?? 'n/a'})`);
  return { ...written, devScore, validationScore, trainScore, lineAccuracy, confidence: calibrated.report };
}

function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
  return best;
}
