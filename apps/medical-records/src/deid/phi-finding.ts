// The contract between de-identification and its callers (documents API, CLI): PHI spans are
// reported by type and offsets only, never by value, and offsets point into the text they describe.
import type { DeidLanguage } from '@suite/medical-models';
import type { KnownIdentifiers } from './known-identifiers.js';

/** HIPAA Safe Harbor classes that occur in clinical text (MEDDOCAN's 21 types map onto these). */
export const PHI_TYPES = [
  'NAME',
  'DATE',
  'AGE',
  'PHONE',
  'FAX',
  'EMAIL',
  'SSN',
  'MEDICAL_RECORD',
  'ACCOUNT',
  'ID',
  'ADDRESS',
  'LOCATION',
  'ZIP',
  'URL',
  'IP',
  'DEVICE',
  'LICENSE',
  'ORGANIZATION',
  'PROFESSION',
  'OTHER',
] as const;

export type PhiType = (typeof PHI_TYPES)[number];

/** The languages de-identification serves (the model card's, @suite/medical-models). */
export type { DeidLanguage } from '@suite/medical-models';

/** redact: `[DATE]`; surrogate: consistent fake values within a document, dates shifted per patient. */
export type DeidMode = 'redact' | 'surrogate';

export interface PhiFinding {
  type: PhiType;
  /** UTF-16 offsets into the de-identified text returned beside it (the replacement's span). */
  start: number;
  end: number;
}

export interface DeidRequest {
  text: string;
  language: DeidLanguage;
  mode: DeidMode;
  /**
   * Stable key of the patient (e.g. a hash of the source's patient reference): seeds the surrogate
   * date shift so all of one patient's documents shift by the same number of days.
   */
  patientKey?: string;
  /** Structured identifiers of the people the text is about (from FHIR/HL7): all are removed. */
  knownIdentifiers?: KnownIdentifiers;
  /**
   * The patient's name memory (keyed hashes of name words found in their earlier documents, see
   * patient-name-memory.ts): every mention of one of those words is removed too.
   */
  rememberedNameWords?: ReadonlySet<string>;
}

export interface DeidResult {
  /** The text with every PHI span replaced. */
  text: string;
  /** Where the replacements are in `text`; `type` only, never the original value. */
  findings: PhiFinding[];
  /**
   * With a `patientKey`: keyed hashes of the name words removed from this text, for the patient's
   * name memory (never the words themselves).
   */
  nameWords?: string[];
}
