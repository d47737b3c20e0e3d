// HL7 v2 messages that carry clinical documents, to a SourceMessage: MDM^T02/T04/T06/T08/T10 (TXA and
// OBX text), ORU^R01 and ORM^O01 (see hl7-observation-report.ts). MSH gives the delimiters, the charset
// (MSH-18), the control id (MSH-10); PID-3 the patient; PID/NK1/PV1/ORC/OBR/TXA the known identifiers.
// Written here rather than taken from npm: the maintained JS HL7 libraries are GPL
// (@dotbase/hl7-v2-message), ORU^R01-only and tied to MongoDB/Redis (hl7), need Java (node-hl7-complete)
// or are unmaintained single-author parsers that skip escape decoding and MSH-18.
import type { KnownIdentifiers } from '../deid/known-identifiers.js';
import { decodeHl7Escapes, type Hl7Delimiters } from './hl7-escape.js';
import { documentsOfObservationReport } from './hl7-observation-report.js';
import { knownIdentifiersOfHl7, segmentsBetween } from './hl7-people.js';
import { HL7_ERROR_CODES, hl7Refusal } from './hl7-refusal.js';
import {
  componentOf,
  decodeHl7Body,
  fieldOf,
  parseHl7Segments,
  repetitionsOf,
  type Hl7Message,
  type Hl7Segment,
} from './hl7-segments.js';
import {
  checkDocumentText,
  checkIdentifier,
  type SourceDocument,
  type SourceMessage,
} from './source-document.js';

export { looksLikeHl7 } from './hl7-segments.js';

/** Value types of OBX-5 that carry text (TX text, FT formatted text, ST string). */
export const TEXT_VALUE_TYPES = new Set(['TX', 'FT', 'ST']);
/** MDM events whose message carries the document's content; T06/T08/T10 are new versions of TXA-12. */
export const MDM_CONTENT_EVENTS = new Set(['T02', 'T04', 'T06', 'T08', 'T10']);
const MDM_NOTIFICATION_EVENTS = new Set(['T01', 'T03', 'T05', 'T07', 'T09', 'T11']);

// TXA-17 document completion status (table 0271) to FHIR composition-status.
const COMPLETION_STATUS: Record<string, string> = {
  AU: 'final',
  LA: 'final',
  DO: 'final',
  DI: 'preliminary',
  IP: 'preliminary',
  IN: 'preliminary',
  PA: 'preliminary',
};

export interface Hl7Header {
  type: string;
  event: string;
  controlId: string;
  messageId: string;
}

/** Parses an HL7 v2 body (bytes, so that MSH-18 decides how they are read; or an already decoded string). */
export function parseHl7Message(body: string | Buffer): SourceMessage {
  const { text, charset } = decodeHl7Body(body);
  const message = parseHl7Segments(text, charset);
  const header = headerOf(message);
  const knownIdentifiers = knownIdentifiersOfHl7(message);
  let documents: SourceDocument[];
  if (header.type === 'MDM' && MDM_CONTENT_EVENTS.has(header.event)) {
    documents = [documentOfMdm(message, header.event, knownIdentifiers)];
  } else if (
    (header.type === 'ORU' && header.event === 'R01') ||
    (header.type === 'ORM' && header.event === 'O01')
  ) {
    documents = documentsOfObservationReport(message, knownIdentifiers);
  } else if (header.type === 'MDM' && MDM_NOTIFICATION_EVENTS.has(header.event)) {
    throw hl7Refusal(
      'MSH-9.2',
      'this MDM event is a notification without content; send T02, T04, T06, T08 or T10',
      HL7_ERROR_CODES.unsupportedEventCode,
      'AR',
    );
  } else if (header.type === 'MDM' || header.type === 'ORU' || header.type === 'ORM') {
    throw hl7Refusal(
      'MSH-9.2',
      'event not supported for this message type',
      HL7_ERROR_CODES.unsupportedEventCode,
      'AR',
    );
  } else {
    throw hl7Refusal(
      'MSH-9',
      'message type must be MDM^T02/T04/T06/T08/T10, ORU^R01 or ORM^O01 (the ones that carry documents)',
      HL7_ERROR_CODES.unsupportedMessageType,
      'AR',
    );
  }
  return { format: 'hl7v2', messageId: header.messageId, bundle: documents.length > 1, documents };
}

/** @deprecated name kept for callers of the MDM-only parser; reads every supported message type. */
export const parseHl7Mdm = parseHl7Message;

export function headerOf(message: Hl7Message): Hl7Header {
  const d = message.delimiters;
  const msh = message.segments[0];
  const type = componentOf(fieldOf(msh, 9), 1, d).trim();
  const event = componentOf(fieldOf(msh, 9), 2, d).trim();
  if (!type)
    throw hl7Refusal('MSH-9', 'message type is required', HL7_ERROR_CODES.requiredFieldMissing, 'AR');
  const controlId = decodeHl7Escapes(fieldOf(msh, 10), d).trim();
  if (!controlId)
    throw hl7Refusal('MSH-10', 'message control id is required', HL7_ERROR_CODES.requiredFieldMissing, 'AR');
  const version = componentOf(fieldOf(msh, 12), 1, d).trim();
  if (version && !/^2\.[1-9](\.\d+)?$/.test(version)) {
    throw hl7Refusal(
      'MSH-12',
      'version must be HL7 v2.1 to v2.9',
      HL7_ERROR_CODES.unsupportedVersionId,
      'AR',
    );
  }
  const sender = [fieldOf(msh, 3), fieldOf(msh, 4)]
    .map((f) => componentOf(f, 1, d))
    .filter((f) => f.length > 0)
    .join('/');
  // The event is part of the id: an MDM^T06 addendum that reuses its T02's control id is a new message,
  // not a redelivery of the T02.
  const base = sender ? `${sender}:${controlId}` : controlId;
  const messageId = checkIdentifier(`${base}:${type}^${event}`, 'MSH-10');
  return { type, event, controlId, messageId };
}

export function patientIdOf(pid: Hl7Segment | undefined, d: Hl7Delimiters): string {
  if (!pid) throw hl7Refusal('PID', 'a PID segment is required', HL7_ERROR_CODES.requiredFieldMissing);
  // PID-3 is a repeating CX: prefer the medical record number (CX-5 identifier type code MR).
  const ids = repetitionsOf(fieldOf(pid, 3), d)
    .map((cx) => cx.split(d.component))
    .filter((cx) => (cx[0] ?? '').length > 0);
  const chosen = ids.find((cx) => cx[4] === 'MR') ?? ids[0];
  if (!chosen)
    throw hl7Refusal('PID-3', 'a patient identifier is required', HL7_ERROR_CODES.requiredFieldMissing);
  return checkIdentifier(decodeHl7Escapes(chosen[0], d), 'PID-3');
}

function documentOfMdm(
  message: Hl7Message,
  event: string,
  knownIdentifiers?: KnownIdentifiers,
): SourceDocument {
  const d = message.delimiters;
  const { segments } = message;
  const patientId = patientIdOf(
    segments.find((s) => s.name === 'PID'),
    d,
  );
  const txaIndex = segments.findIndex((s) => s.name === 'TXA');
  if (txaIndex < 0)
    throw hl7Refusal('TXA', 'a TXA segment is required', HL7_ERROR_CODES.requiredFieldMissing);
  const txa = segments[txaIndex];
  // TXA-6 origination date/time, else TXA-4 activity date/time.
  const dateField = fieldOf(txa, 6) ? 'TXA-6' : 'TXA-4';
  const dateValue = componentOf(fieldOf(txa, 6) || fieldOf(txa, 4), 1, d);
  const documentDate = dateValue ? parseHl7Timestamp(dateValue, dateField) : undefined;
  const uniqueDocumentNumber = componentOf(fieldOf(txa, 12), 1, d);

  const lines: string[] = [];
  for (const segment of segmentsBetween(segments, txaIndex + 1, new Set())) {
    if (segment.name === 'OBX' && TEXT_VALUE_TYPES.has(fieldOf(segment, 2)))
      lines.push(...textLinesOf(segment, 5, d));
    if (segment.name === 'NTE') lines.push(...textLinesOf(segment, 3, d));
  }
  if (lines.join('').trim().length === 0) {
    throw hl7Refusal(
      'OBX-5',
      'at least one OBX segment with text (TX, FT or ST) is required',
      HL7_ERROR_CODES.requiredFieldMissing,
    );
  }
  const status = componentOf(fieldOf(txa, 17), 1, d);
  return {
    text: checkDocumentText(lines.join('\n'), 'OBX-5'),
    patientId,
    documentDate,
    sourceDocumentId: uniqueDocumentNumber ? checkIdentifier(uniqueDocumentNumber, 'TXA-12') : undefined,
    reportStatus:
      event === 'T06'
        ? 'appended'
        : event === 'T08' || event === 'T10'
          ? 'amended'
          : COMPLETION_STATUS[status],
    knownIdentifiers,
  };
}

/** A text field's repetitions as lines, escapes decoded (a text value has no components: ^ is text). */
export function textLinesOf(segment: Hl7Segment, field: number, d: Hl7Delimiters): string[] {
  return repetitionsOf(fieldOf(segment, field), d).map((r) => decodeHl7Escapes(r, d));
}

/** HL7 DTM: YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]; without a zone, UTC is assumed. */
export function parseHl7Timestamp(value: string, field: string): Date {
  const m =
    /^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d{1,4}))?)?)?)?)?)?([+-]\d{4})?$/.exec(
      value,
    );
  if (!m) throw hl7Refusal(field, 'must be an HL7 date/time (YYYYMMDD[HHMM[SS]][+ZZZZ])');
  const [, y, mo = '01', da = '01', h = '00', mi = '00', s = '00', frac = '0', zone] = m;
  const offset = zone ? `${zone.slice(0, 3)}:${zone.slice(3)}` : 'Z';
  const ms = Math.round(Number(`0.${frac}`) * 1000)
    .toString()
    .padStart(3, '0');
  const date = new Date(`${y}-${mo}-${da}T${h}:${mi}:${s}.${ms}${offset}`);
  const valid =
    !Number.isNaN(date.getTime()) &&
    Number(mo) <= 12 &&
    Number(da) <= 31 &&
    Number(h) < 24 &&
    Number(mi) < 60;
  if (!valid) throw hl7Refusal(field, 'is not a valid date/time');
  return date;
}
