// What every source format (plain text, FHIR R4, HL7 v2) is parsed into before de-identification.
// Raw clinical text and raw patient identifiers live only in these objects, in memory, for the
// duration of one request: they are never stored, logged or put into an error message.
import { DomainError } from '@suite/platform';
import type { KnownIdentifiers } from '../deid/known-identifiers.js';

export const SOURCE_FORMATS = ['text', 'fhir', 'hl7v2'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export interface SourceDocument {
  /** The clinical text, still containing PHI. */
  text: string;
  /** The source's identifier of the patient (raw; only its keyed hash is ever stored). */
  patientId?: string;
  /** When the document was written, as the source states it. */
  documentDate?: Date;
  /** The source's id of this document (FHIR DocumentReference id, HL7 TXA-12). */
  sourceDocumentId?: string;
  /** Identifiers of the patient and other people that the message carries in structured form. */
  knownIdentifiers?: KnownIdentifiers;
  /**
   * The report's status in FHIR terms (composition-status / diagnostic-report-status: preliminary,
   * final, amended, corrected, appended, ...), from DocumentReference.docStatus, DiagnosticReport.status,
   * Composition.status, HL7 OBR-25 or TXA-17 and the MDM event.
   */
  reportStatus?: string;
}

/** What a FHIR Bundle entry became; the response answers every entry with it. */
export interface BundleEntryOutcome {
  index: number;
  resourceType?: string;
  method?: string;
  /**
   * document: stored (documentIndex into documents); context: read for de-identification or context,
   * not stored; skipped: a resource that carries no document; not-supported: a request method this
   * endpoint does not serve (GET, DELETE, ...); invalid: refused in a batch (path, problem).
   */
  outcome: 'document' | 'context' | 'skipped' | 'not-supported' | 'invalid';
  documentIndex?: number;
  path?: string;
  problem?: string;
}

export interface SourceMessage {
  format: SourceFormat;
  /**
   * The source's own id of the message (FHIR Bundle/DocumentReference identifier or id, HL7 MSH-10
   * qualified by the sender), used to deduplicate redeliveries when there is no Idempotency-Key.
   */
  messageId?: string;
  /** True for a FHIR Bundle: the response lists every document. */
  bundle: boolean;
  documents: SourceDocument[];
  /** The Bundle's type, when the message was a FHIR Bundle. */
  fhirBundleType?: string;
  /** One per Bundle entry, in order. */
  entries?: BundleEntryOutcome[];
}

/** Longest document accepted, in UTF-16 code units (a long discharge summary is ~50k). */
export const MAX_DOCUMENT_CHARS = 100_000;
/** Most documents in one FHIR Bundle. */
export const MAX_BUNDLE_DOCUMENTS = 50;
/** Longest source message id / patient id accepted. */
export const MAX_IDENTIFIER_CHARS = 255;

/** A 400 naming the offending field; the message never carries the field's value. */
export function invalidField(field: string, problem: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `${field}: ${problem}`, {
    fields: [{ field, messages: [problem] }],
  });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * PostgreSQL text cannot hold NUL or unpaired UTF-16 surrogates; both become U+FFFD here, once, so the
 * text returned, de-identified, analysed and stored is the same string and every offset stays valid.
 */
export function toStorableText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\u0000', '\uFFFD');
}

/** Checks the text of one document; `field` names where it came from in the request. */
export function checkDocumentText(text: string, field: string): string {
  const storable = toStorableText(text);
  if (storable.trim().length === 0) throw invalidField(field, 'must contain text');
  if (storable.length > MAX_DOCUMENT_CHARS) {
    throw invalidField(field, `must be at most ${MAX_DOCUMENT_CHARS} characters`);
  }
  return storable;
}

export function checkIdentifier(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw invalidField(field, 'must not be empty');
  if (trimmed.length > MAX_IDENTIFIER_CHARS) {
    throw invalidField(field, `must be at most ${MAX_IDENTIFIER_CHARS} characters`);
  }
  return trimmed;
}
