// The shipped line classifier (models/invoice-fields): softmax regression over hashed line features,
// served by libs/inference like every model; FIELD_LABELS are its classes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InferenceBackend, ModelCard } from '@suite/inference';
import { packSparseBatch, SROIE_FIELDS, type SroieField } from '@suite/ml';
import {
  FIELD_LABELS,
  type FieldCalibration,
  type FieldCalibrations,
  IDENTITY_CALIBRATION,
  INVOICE_FIELD_MODEL,
  INVOICE_FIELD_MODEL_VERSION,
  type InvoiceFieldModelSpec,
  type LayoutLine,
  lineFeatures,
} from '@suite/support-models';

export async function readInvoiceFieldCard(
  modelsDir: string,
  version = INVOICE_FIELD_MODEL_VERSION,
): Promise<ModelCard> {
  const card = JSON.parse(
    await readFile(join(modelsDir, INVOICE_FIELD_MODEL, version, 'model.json'), 'utf8'),
  ) as ModelCard;
  const labels = card.labels ?? [];
  if (labels.join() !== FIELD_LABELS.join())
    throw new Error(
      `${INVOICE_FIELD_MODEL} ${version}: labels ${labels.join()} differ from ${FIELD_LABELS.join()}`,
    );
  if (typeof card.extra?.featureBits !== 'number')
    throw new Error(`${INVOICE_FIELD_MODEL}: card lacks extra.featureBits`);
  return card;
}

export class InvoiceFieldClassifier {
  constructor(
    private readonly backend: InferenceBackend,
    private readonly card: ModelCard,
  ) {}

  get version(): string {
    return this.card.version;
  }

  private calibrationOf(field: SroieField): FieldCalibration {
    return (this.card.extra as InvoiceFieldModelSpec).calibration?.[field] ?? IDENTITY_CALIBRATION;
  }

  /** Platt scaling per key field, for extractFields. */
  calibration(): FieldCalibrations {
    return Object.fromEntries(SROIE_FIELDS.map((f) => [f, this.calibrationOf(f)])) as FieldCalibrations;
  }

  thresholds(): Record<SroieField, number> {
    return Object.fromEntries(SROIE_FIELDS.map((f) => [f, this.calibrationOf(f).threshold])) as Record<
      SroieField,
      number
    >;
  }

  /** Per line, the probability of each of FIELD_LABELS. */
  async classifyLines(lines: readonly LayoutLine[]): Promise<Float32Array[]> {
    if (lines.length === 0) return [];
    const bits = (this.card.extra as InvoiceFieldModelSpec).featureBits;
    const max = Math.max(1, this.card.batching?.maxBatchSize ?? 256);
    const out: Float32Array[] = [];
    const features = lineFeatures(lines, bits);
    for (let s = 0; s < features.length; s += max) {
      const chunk = features.slice(s, s + max);
      const packed = packSparseBatch(chunk);
      const { outputs } = await this.backend.infer(
        INVOICE_FIELD_MODEL,
        {
          indices: { dtype: 'int64', dims: [chunk.length, packed.nnz], data: packed.indices },
          values: { dtype: 'float32', dims: [chunk.length, packed.nnz], data: packed.values },
        },
        { version: this.card.version },
      );
      const probs = outputs.probabilities.data as Float32Array;
      const width = FIELD_LABELS.length;
      chunk.forEach((_, r) => out.push(probs.slice(r * width, (r + 1) * width)));
    }
    return out;
  }
}
