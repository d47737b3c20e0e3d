// The shared surface of libs/support-models (`@suite/support-models`): what customer-service's serving and
// its offline training both need (the intent featuriser and card schema, the confidence policy, the
// receipt line features, normalisation and field decoder the invoice model's outputs go through). The
// service imports this; trainers, dataset readers and model-only evaluation are `@suite/support-models/training`.
export {
  type ClarificationCutoffs,
  type IntentScore,
  isCloseCall,
  pairProbabilityForPrecision,
  type ScoredExample,
  thresholdForPrecision,
} from './intent/confidence-policy.js';
export { FastHashedFeatures } from './intent/fast-hashed-features.js';
export {
  DEFAULT_INTENT_MODEL,
  type IntentModelCard,
  type IntentModelSpec,
  intentModelSpecSchema,
  parseIntentModelCard,
} from './intent/intent-model-spec.js';
export {
  calibrate,
  type FieldCalibration,
  type FieldCalibrations,
  IDENTITY_CALIBRATION,
  TARGET_PRECISION,
} from './invoices/field-confidence.js';
export {
  type ExtractedField,
  type ExtractedFields,
  extractFields,
  INVOICE_FIELDS,
  type InvoiceFieldName,
  type LineProbabilities,
} from './invoices/field-extraction.js';
export {
  FIELD_LABELS,
  type FieldLabel,
  INVOICE_FIELD_MODEL,
  INVOICE_FIELD_MODEL_VERSION,
  type InvoiceFieldModelSpec,
} from './invoices/invoice-field-card.js';
export {
  amountToCents,
  displayAddress,
  findAmounts,
  findDates,
  normaliseAmount,
  normaliseDate,
  repairOcrConfusions,
  sroieNormalise,
} from './invoices/field-normalisation.js';
export {
  boundsOf,
  type LayoutLine,
  LINE_FEATURE_BITS,
  lineFeatureNames,
  lineFeatures,
  type Point,
  type Quad,
  rowsOf,
} from './invoices/line-features.js';
export { detectCurrency, receiptCountry } from './invoices/receipt-currency.js';
export type { ModelVersionWriter } from './model-draft.js';
