// What serving and training agree on about the shipped line classifier (models/invoice-fields): its
// name and version, its classes (FIELD_LABELS, the columns of its `probabilities` output) and what its
// card carries beside the graph (card.extra).
import type { FieldCalibrations } from './field-confidence.js';

export const INVOICE_FIELD_MODEL = 'invoice-fields';
export const INVOICE_FIELD_MODEL_VERSION = '1';

export const FIELD_LABELS = ['other', 'company', 'address', 'date', 'total'] as const;
export type FieldLabel = (typeof FIELD_LABELS)[number];

export interface InvoiceFieldModelSpec {
  featureBits: number;
  /** Platt scaling and stating threshold per key field, fitted on the dev receipts. */
  calibration?: FieldCalibrations;
  [key: string]: unknown;
}
