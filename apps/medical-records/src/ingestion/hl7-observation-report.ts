// ORU^R01 (results, HL7 v2.5.1 ch. 7) and ORM^O01 (orders, ch. 4) to one document per OBR: the
// service's name as a title, then its OBX values and NTE notes in order. Text values (TX, FT, ST) are
// the report itself; coded and numeric values (CWE, CE, NM, SN, ...) become "name: value units" lines,
// which is how a lab report reads. The report's status is OBR-25 (table 0123).
import type { KnownIdentifiers } from '../deid/known-identifiers.js';
import { decodeHl7Escapes, type Hl7Delimiters } from './hl7-escape.js';
import { parseHl7Timestamp, patientIdOf, TEXT_VALUE_TYPES, textLinesOf } from './hl7-mdm.parser.js';
import { segmentsBetween } from './hl7-people.js';
import { HL7_ERROR_CODES, hl7Refusal } from './hl7-refusal.js';
import {
  componentOf,
  componentsOf,
  fieldOf,
  repetitionsOf,
  type Hl7Message,
  type Hl7Segment,
} from './hl7-segments.js';
import {
  checkDocumentText,
  checkIdentifier,
  MAX_BUNDLE_DOCUMENTS,
  type SourceDocument,
} from './source-document.js';

// OBR-25 result status (table 0123) to FHIR diagnostic-report-status.
const RESULT_STATUS: Record<string, string> = {
  F: 'final',
  C: 'corrected',
  A: 'partial',
  P: 'preliminary',
  R: 'registered',
  I: 'registered',
  O: 'registered',
  S: 'partial',
  X: 'cancelled',
  Y: 'unknown',
  Z: 'unknown',
};
/** Value types that are pointers or binary data, not readable values. */
const NON_TEXT_TYPES = new Set(['ED', 'RP', 'HD', 'EI', 'MA', 'NA', 'AD']);
const GROUP_END = new Set(['OBR', 'ORC', 'PID', 'SPM']);

export function documentsOfObservationReport(
  message: Hl7Message,
  knownIdentifiers?: KnownIdentifiers,
): SourceDocument[] {
  const d = message.delimiters;
  const { segments } = message;
  const documents: SourceDocument[] = [];
  let pid: Hl7Segment | undefined;
  segments.forEach((segment, index) => {
    if (segment.name === 'PID') pid = segment;
    if (segment.name !== 'OBR') return;
    const lines = reportLines(segment, segmentsBetween(segments, index + 1, GROUP_END), d);
    if (lines.length === 0) return;
    const at = `OBR-22 (segment ${segment.position})`;
    const reported = componentOf(fieldOf(segment, 22), 1, d) || componentOf(fieldOf(segment, 7), 1, d);
    // The filler's (else the placer's) order number and the service: one order can have many OBRs,
    // and a corrected result (OBR-25 C) repeats both, so it becomes a new version of the same report.
    const order = componentOf(fieldOf(segment, 3), 1, d) || componentOf(fieldOf(segment, 2), 1, d);
    const service = componentOf(fieldOf(segment, 4), 1, d);
    const orderNumber = order && service ? `${order}/${service}` : order;
    documents.push({
      text: checkDocumentText(lines.join('\n'), `OBX-5 (segment ${segment.position})`),
      patientId: patientIdOf(pid, d),
      documentDate: reported
        ? parseHl7Timestamp(reported, fieldOf(segment, 22) ? at : `OBR-7 (segment ${segment.position})`)
        : undefined,
      sourceDocumentId: orderNumber ? checkIdentifier(orderNumber, 'OBR-3') : undefined,
      reportStatus: RESULT_STATUS[componentOf(fieldOf(segment, 25), 1, d)],
      knownIdentifiers,
    });
  });
  if (!segments.some((s) => s.name === 'OBR')) {
    throw hl7Refusal('OBR', 'at least one OBR segment is required', HL7_ERROR_CODES.requiredFieldMissing);
  }
  if (documents.length === 0) {
    throw hl7Refusal(
      'OBX-5',
      'no OBR has an OBX or NTE with a readable value',
      HL7_ERROR_CODES.requiredFieldMissing,
    );
  }
  if (documents.length > MAX_BUNDLE_DOCUMENTS) {
    throw hl7Refusal(
      'OBR',
      `at most ${MAX_BUNDLE_DOCUMENTS} OBR groups per message`,
      HL7_ERROR_CODES.valueTooLong,
    );
  }
  return documents;
}

function reportLines(obr: Hl7Segment, group: Hl7Segment[], d: Hl7Delimiters): string[] {
  const body: string[] = [];
  for (const segment of group) {
    if (segment.name === 'NTE') body.push(...textLinesOf(segment, 3, d));
    if (segment.name !== 'OBX') continue;
    const type = fieldOf(segment, 2);
    if (TEXT_VALUE_TYPES.has(type)) body.push(...textLinesOf(segment, 5, d));
    else if (!NON_TEXT_TYPES.has(type)) {
      const line = valueLine(segment, d);
      if (line) body.push(line);
    }
  }
  if (body.join('').trim().length === 0) return [];
  const title = codedText(fieldOf(obr, 4), d);
  return title ? [title, ...body] : body;
}

function valueLine(obx: Hl7Segment, d: Hl7Delimiters): string | undefined {
  const name = codedText(fieldOf(obx, 3), d);
  const values = repetitionsOf(fieldOf(obx, 5), d)
    .map((v) => (fieldOf(obx, 2) === 'SN' ? structuredNumeric(v, d) : codedText(v, d)))
    .filter((v) => v.length > 0);
  if (values.length === 0) return undefined;
  const units = codedText(fieldOf(obx, 6), d);
  const flags = componentOf(fieldOf(obx, 8), 1, d);
  return `${name ? `${name}: ` : ''}${values.join(', ')}${units ? ` ${units}` : ''}${flags ? ` (${flags})` : ''}`;
}

/** CE/CWE: the text (component 2), else the code (component 1); a plain value is its first component. */
function codedText(value: string, d: Hl7Delimiters): string {
  const c = componentsOf(repetitionsOf(value, d)[0] ?? '', d).map((p) => decodeHl7Escapes(p, d).trim());
  return c[1] || c[0] || '';
}

/** SN: comparator ^ number ^ separator/suffix ^ number (e.g. >^10, ^1^:^128). */
function structuredNumeric(value: string, d: Hl7Delimiters): string {
  return componentsOf(value, d)
    .slice(0, 4)
    .map((p) => decodeHl7Escapes(p, d))
    .join('')
    .trim();
}
