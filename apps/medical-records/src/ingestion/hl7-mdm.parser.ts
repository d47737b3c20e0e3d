// HL7 v2 MDM^T02 (original document notification and content) to a SourceDocument: MSH for the
// delimiters and the control id (MSH-10), PID-3 for the patient, TXA for the document, OBX-5 for the
// text. Written here rather than taken from npm: the maintained JS HL7 libraries are GPL
// (@dotbase/hl7-v2-message), ORU^R01-only and tied to MongoDB/Redis (hl7), need Java (node-hl7-complete)
// or are unmaintained single-author parsers that skip escape decoding — and MDM needs only ~150 lines.
import { checkDocumentText, checkIdentifier, invalidField, type SourceMessage } from './source-document.js';
import { decodeHl7Escapes, type Hl7Delimiters } from './hl7-escape.js';

/** Value types of OBX-5 that carry text (TX text, FT formatted text, ST string). */
const TEXT_VALUE_TYPES = new Set(['TX', 'FT', 'ST']);
/** MDM events whose message carries the document's content. */
const CONTENT_EVENTS = new Set(['T02', 'T04', 'T06', 'T08', 'T10']);

interface Segment {
  name: string;
  /** fields[n] is field n (fields[0] is the segment name); MSH is numbered so that fields[1] is MSH-1. */
  fields: string[];
  line: number;
}

/** True when the body looks like an ER7-encoded HL7 v2 message (starts with an MSH segment). */
export function looksLikeHl7(body: string): boolean {
  return /^\s*MSH[^A-Za-z0-9\s]/.test(body);
}

export function parseHl7Mdm(body: string): SourceMessage {
  const message = body.replace(/^\s+/, '');
  if (!message.startsWith('MSH') || message.length < 8) {
    throw invalidField('MSH', 'the message must start with an MSH segment');
  }
  const d: Hl7Delimiters = {
    field: message[3],
    component: message[4],
    repetition: message[5],
    escape: message[6],
    subcomponent: message[7],
  };
  if (/[A-Za-z0-9\r\n ]/.test(message.slice(3, 8)) || new Set(message.slice(3, 8)).size !== 5) {
    throw invalidField('MSH-2', 'encoding characters must be four distinct delimiters after MSH-1');
  }
  const segments = splitSegments(message, d);
  const msh = segments[0];

  const messageType = msh.fields[9] ?? '';
  const [type, event] = messageType.split(d.component);
  if (type !== 'MDM' || !CONTENT_EVENTS.has(event ?? '')) {
    throw invalidField('MSH-9', 'message type must be MDM^T02 (or T04/T06/T08/T10, which carry content)');
  }
  const controlId = msh.fields[10];
  if (!controlId) throw invalidField('MSH-10', 'message control id is required');
  const sender = [msh.fields[3], msh.fields[4]]
    .map((f) => (f ?? '').split(d.component)[0])
    .filter((f) => f.length > 0)
    .join('/');
  const messageId = checkIdentifier(sender ? `${sender}:${controlId}` : controlId, 'MSH-10');

  const pid = segments.find((s) => s.name === 'PID');
  if (!pid) throw invalidField('PID', 'a PID segment is required');
  const patientId = patientIdOf(pid, d);

  const txa = segments.find((s) => s.name === 'TXA');
  if (!txa) throw invalidField('TXA', 'a TXA segment is required');
  // TXA-6 origination date/time, else TXA-4 activity date/time.
  const dateField = txa.fields[6] ? 'TXA-6' : 'TXA-4';
  const dateValue = txa.fields[6] || txa.fields[4];
  const documentDate = dateValue ? parseHl7Timestamp(dateValue.split(d.component)[0], dateField) : undefined;
  const uniqueDocumentNumber = (txa.fields[12] ?? '').split(d.component)[0];

  const lines: string[] = [];
  for (const obx of segments.filter((s) => s.name === 'OBX')) {
    const valueType = obx.fields[2] ?? '';
    if (!TEXT_VALUE_TYPES.has(valueType)) {
      throw invalidField(`OBX-2 (segment ${obx.line})`, 'value type must be TX, FT or ST');
    }
    // A text value has no components: an unescaped ^ in it is text, so only repetitions split lines.
    for (const repetition of (obx.fields[5] ?? '').split(d.repetition)) {
      lines.push(decodeHl7Escapes(repetition, d));
    }
  }
  if (lines.length === 0) throw invalidField('OBX-5', 'at least one OBX segment with text is required');
  const text = checkDocumentText(lines.join('\n'), 'OBX-5');

  return {
    format: 'hl7v2',
    messageId,
    bundle: false,
    documents: [
      {
        text,
        patientId,
        documentDate,
        sourceDocumentId: uniqueDocumentNumber
          ? checkIdentifier(decodeHl7Escapes(uniqueDocumentNumber, d), 'TXA-12')
          : undefined,
      },
    ],
  };
}

function splitSegments(message: string, d: Hl7Delimiters): Segment[] {
  // Segments end with CR; LF and CRLF are accepted too (files and test tools often use them).
  const lines = message.split(/\r\n|\r|\n/);
  const segments: Segment[] = [];
  lines.forEach((raw, index) => {
    if (raw.trim().length === 0) return;
    const name = raw.slice(0, 3);
    if (!/^[A-Z][A-Z0-9]{2}$/.test(name) || (raw.length > 3 && raw[3] !== d.field)) {
      throw invalidField(`segment ${index + 1}`, 'must start with a three-character segment id');
    }
    const parts = raw.split(d.field);
    // MSH-1 is the field separator itself, so MSH's fields are shifted by one.
    const fields = name === 'MSH' ? ['MSH', d.field, ...parts.slice(1)] : parts;
    segments.push({ name, fields, line: index + 1 });
  });
  if (segments[0]?.name !== 'MSH') throw invalidField('MSH', 'the message must start with an MSH segment');
  return segments;
}

function patientIdOf(pid: Segment, d: Hl7Delimiters): string {
  // PID-3 is a repeating CX: prefer the medical record number (CX-5 identifier type code MR).
  const ids = (pid.fields[3] ?? '')
    .split(d.repetition)
    .map((cx) => cx.split(d.component))
    .filter((cx) => (cx[0] ?? '').length > 0);
  const chosen = ids.find((cx) => cx[4] === 'MR') ?? ids[0];
  if (!chosen) throw invalidField('PID-3', 'a patient identifier is required');
  return checkIdentifier(decodeHl7Escapes(chosen[0], d), 'PID-3');
}

/** HL7 DTM: YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]; without a zone, UTC is assumed. */
export function parseHl7Timestamp(value: string, field: string): Date {
  const m =
    /^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d{1,4}))?)?)?)?)?)?([+-]\d{4})?$/.exec(
      value,
    );
  if (!m) throw invalidField(field, 'must be an HL7 date/time (YYYYMMDD[HHMM[SS]][+ZZZZ])');
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
  if (!valid) throw invalidField(field, 'is not a valid date/time');
  return date;
}
