// `train invoice`: the field line classifier, rebuilt from data/sroie (SROIE ground-truth OCR boxes and
// key fields of the training part only). Softmax regression over hashed line features (libs/ml),
// exported to ONNX with the sparse input layout, written as models/invoice-fields/<version>. Card
// figures are on the held-out receipts (isHeldOutReceipt) with their ground-truth boxes; the
// end-to-end figure from pixels is `eval invoice --split heldout`.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type ModelCardDraft, writeModelVersion } from '@suite/inference';
import {
  exportClassifierToOnnx,
  readSroieFolder,
  silentProgress,
  type SroieKey,
  type SroieReceipt,
  type TrainingProgressListener,
  trainSoftmaxRegression,
  type SoftmaxRegression,
} from '@suite/ml';
import { extractFields } from './field-extraction.js';
import { INVOICE_FIELD_MODEL } from './invoice-field-model.js';
import { LINE_FEATURE_BITS, lineFeatures } from './line-features.js';
import { scoreSroie } from './sroie-evaluation.js';
import { FIELD_LABELS, isHeldOutReceipt, labelLines, layoutOf, SROIE_SPLIT } from './sroie-training-data.js';

export const INVOICE_TRAINING = {
  seed: 20251202,
  epochs: 40,
  batchSize: 16,
  learningRate: 0.02,
  featureBits: LINE_FEATURE_BITS,
} as const;

export interface InvoiceTrainingOptions {
  /** Folder with box/ and key/ (SROIE layout); default data/sroie/train. */
  dataDir: string;
  /** SROIE folder whose held-out receipts (with box files) give the card's figures; optional. */
  heldOutDir?: string;
  modelsDir: string;
  version: string;
  overwrite?: boolean;
  progress?: TrainingProgressListener;
  log: (message: string) => void;
}

function examplesOf(receipts: readonly SroieReceipt[]) {
  return receipts.flatMap((r) => {
    const lines = layoutOf(r);
    const labels = labelLines(lines, r.key ?? {});
    const xs = lineFeatures(lines, INVOICE_TRAINING.featureBits);
    return xs.map((x, i) => ({ x, label: FIELD_LABELS.indexOf(labels[i]) }));
  });
}

/** Fields predicted from ground-truth boxes with an in-process model (training-time figures). */
export function predictFromBoxes(model: SoftmaxRegression, receipt: SroieReceipt): SroieKey {
  const lines = layoutOf(receipt);
  const probs = lineFeatures(lines, INVOICE_TRAINING.featureBits).map((x) => model.predictProba(x));
  const fields = extractFields(lines, probs);
  const key: SroieKey = {};
  for (const f of ['company', 'date', 'address', 'total'] as const) if (fields[f]) key[f] = fields[f].value;
  return key;
}

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
  const train = receipts.filter((r) => !isHeldOutReceipt(r.id));
  const heldOutSource = options.heldOutDir
    ? await readSroieFolder(options.heldOutDir).catch(() => [] as SroieReceipt[])
    : receipts;
  const heldOut = heldOutSource.filter((r) => r.lines && r.key && isHeldOutReceipt(r.id));
  const examples = examplesOf(train);
  log(
    `${train.length} training receipts (${examples.length} lines); ${heldOut.length} held-out receipts in ${options.dataDir}`,
  );
  const { model, report } = trainSoftmaxRegression(examples, {
    inputDim: 1 << INVOICE_TRAINING.featureBits,
    classes: FIELD_LABELS.length,
    epochs: INVOICE_TRAINING.epochs,
    batchSize: INVOICE_TRAINING.batchSize,
    seed: INVOICE_TRAINING.seed,
    optimizer: { kind: 'adam' },
    learningRate: INVOICE_TRAINING.learningRate,
    progress: options.progress ?? silentProgress,
    label: 'invoice-fields',
  });
  const trainScore = scoreSroie(
    train.map((r) => ({ predicted: predictFromBoxes(model, r), expected: r.key! })),
  );
  const heldOutScore =
    heldOut.length > 0
      ? scoreSroie(heldOut.map((r) => ({ predicted: predictFromBoxes(model, r), expected: r.key! })))
      : undefined;
  const heldOutLines = examplesOf(heldOut);
  const lineAccuracy =
    heldOutLines.length === 0
      ? undefined
      : heldOutLines.filter((e) => argmax(model.predictProba(e.x)) === e.label).length / heldOutLines.length;
  const bytes = exportClassifierToOnnx(model, { input: 'sparse', graphName: 'invoice_fields' });
  const draft: ModelCardDraft = {
    name: INVOICE_FIELD_MODEL,
    version: options.version,
    task: 'receipt-line-classification',
    description:
      'Which SROIE key field a receipt line holds (other, company, address, date, total): softmax regression over ' +
      'signed hashed features of the line (words with digit shapes, bigrams, the words of its row and of the rows ' +
      'above and below, position, date/amount/company patterns). Input: indices int64 + values float32 [lines, nnz] ' +
      '(pad: index 0, value 0). Decoded into fields by apps/customer-service/src/invoices/field-extraction.ts.',
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
      heldOutReceipts: heldOut.length,
      heldOutFromGroundTruthBoxes: heldOutScore,
      heldOutLineAccuracy: lineAccuracy === undefined ? undefined : Math.round(lineAccuracy * 1e4) / 1e4,
      trainFromGroundTruthBoxes: { f1: trainScore.f1, n: trainScore.n },
      endToEndNote:
        'from pixels (our OCR): npm run -s cli -- eval invoice --data ../shared/data/sroie/train --split heldout --json',
    },
    training: {
      data:
        'data/sroie/train/{box,key}: ICDAR 2019 SROIE receipts (Huang et al. 2019), training part of a 30-receipt subset; ' +
        'ground-truth OCR lines labelled by the key fields',
      licence: 'CC BY 4.0 (ICDAR 2019 RRC; data/sroie/README.md)',
      command:
        'npm run cli -- train invoice (held-out figures read from --held-out-data, default ../shared/data/sroie/train)',
      seed: INVOICE_TRAINING.seed,
      split: `held out: receipts with |murmur3(id, ${SROIE_SPLIT.seed})| % ${SROIE_SPLIT.heldOutOneIn} == 0 (never trained on); train: the rest`,
      receipts: { train: train.map((r) => r.id), heldOut: heldOut.map((r) => r.id) },
      recipe: INVOICE_TRAINING,
      finalTrainLoss: report.epochs.at(-1)?.trainLoss,
    },
    extra: { featureBits: INVOICE_TRAINING.featureBits },
  };
  const written = await writeModelVersion(options.modelsDir, draft, bytes, {
    overwrite: options.overwrite,
    now: () => new Date('2025-12-02T00:00:00.000Z'),
  });
  log(`wrote ${written.dir} (held-out F1 from ground-truth boxes: ${heldOutScore?.f1 ?? 'n/a'})`);
  return { ...written, heldOutScore, trainScore, lineAccuracy };
}

function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
  return best;
}
