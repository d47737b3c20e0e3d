// HL7 v2 ER7 framing (HL7 v2.5.1 ch. 2): the body's bytes decoded by the character set MSH-18 declares,
// the delimiters of MSH-1/MSH-2, and segments split into fields. Everything here is one linear pass.
import { decodeHl7Escapes, type Hl7Delimiters } from './hl7-escape.js';
import { HL7_ERROR_CODES, hl7Refusal } from './hl7-refusal.js';

export interface Hl7Segment {
  name: string;
  /** fields[n] is field n (fields[0] is the segment name); MSH is numbered so that fields[1] is MSH-1. */
  fields: string[];
  /** 1-based position of the segment in the message. */
  position: number;
}

export interface Hl7Message {
  delimiters: Hl7Delimiters;
  segments: Hl7Segment[];
  /** MSH-18 as declared (first repetition), or undefined. */
  charset?: string;
}

// MSH-18 (HL7 table 0211) to a WHATWG encoding label. 8859/1 is read as windows-1252, its superset
// (what the WHATWG decoders do for "latin1" too): the bytes that differ are C1 controls in 8859-1 and
// never text, but real senders put cp1252 punctuation there.
const CHARSETS: Record<string, string> = {
  ASCII: 'utf-8',
  '8859/1': 'windows-1252',
  '8859/2': 'iso-8859-2',
  '8859/3': 'iso-8859-3',
  '8859/4': 'iso-8859-4',
  '8859/5': 'iso-8859-5',
  '8859/6': 'iso-8859-6',
  '8859/7': 'iso-8859-7',
  '8859/8': 'iso-8859-8',
  '8859/9': 'windows-1254',
  '8859/15': 'iso-8859-15',
  'UNICODE UTF-8': 'utf-8',
  'GB 18030-2000': 'gb18030',
  'BIG-5': 'big5',
};
export const SUPPORTED_CHARSETS = Object.keys(CHARSETS);

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** True when the body looks like an ER7-encoded HL7 v2 message (starts with an MSH segment). */
export function looksLikeHl7(body: string | Buffer): boolean {
  const head = typeof body === 'string' ? body.slice(0, 16) : body.subarray(0, 16).toString('latin1');
  return /^(?:\uFEFF|\u00EF\u00BB\u00BF)?\s*MSH[^A-Za-z0-9\s]/.test(head);
}

/** Decodes the message's bytes with the character set named in MSH-18 (the MSH segment itself is ASCII). */
export function decodeHl7Body(body: string | Buffer): { text: string; charset?: string } {
  if (typeof body === 'string') return { text: body.replace(/^\uFEFF/, ''), charset: undefined };
  const bytes = UTF8_BOM.every((b, i) => body[i] === b) ? body.subarray(3) : body;
  // Latin-1 maps every byte to one code point, so the MSH segment can be read before the charset is known.
  const head = bytes.subarray(0, Math.min(bytes.length, 4096)).toString('latin1');
  const charset = declaredCharset(head);
  if (charset === undefined || charset === 'ASCII') {
    // No charset (HL7's default is ASCII) or ASCII with 8-bit bytes: UTF-8 when the bytes are UTF-8,
    // else windows-1252, the usual 8-bit sender; better than turning a surname into U+FFFD.
    return { text: utf8OrUndefined(bytes) ?? new TextDecoder('windows-1252').decode(bytes), charset };
  }
  const label = CHARSETS[charset];
  if (label === undefined) {
    throw hl7Refusal(
      'MSH-18',
      `character set not supported (accepted: ${SUPPORTED_CHARSETS.join(', ')})`,
      HL7_ERROR_CODES.tableValueNotFound,
      'AR',
    );
  }
  if (label === 'utf-8') {
    const text = utf8OrUndefined(bytes);
    if (text === undefined) throw hl7Refusal('MSH-18', 'the message is not valid UTF-8 as declared');
    return { text, charset };
  }
  return { text: new TextDecoder(label).decode(bytes), charset };
}

function utf8OrUndefined(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function declaredCharset(head: string): string | undefined {
  const start = head.search(/MSH/);
  if (start < 0 || head.length < start + 4) return undefined;
  const fieldSep = head[start + 3];
  const end = head.slice(start).search(/[\r\n]/);
  const msh = end < 0 ? head.slice(start) : head.slice(start, start + end);
  const parts = msh.split(fieldSep);
  // parts[0] is "MSH", parts[1] MSH-2 ... so MSH-n is parts[n - 1].
  const value = (parts[17] ?? '').split(msh[5] ?? '~')[0].trim();
  return value.length > 0 ? value.toUpperCase() : undefined;
}

/** Splits a decoded message into segments, checking MSH and the delimiters. */
export function parseHl7Segments(decoded: string, charset?: string): Hl7Message {
  const message = decoded.replace(/^\s+/, '');
  if (!message.startsWith('MSH') || message.length < 8) {
    throw hl7Refusal(
      'MSH',
      'the message must start with an MSH segment',
      HL7_ERROR_CODES.segmentSequence,
      'AR',
    );
  }
  const d: Hl7Delimiters = {
    field: message[3],
    component: message[4],
    repetition: message[5],
    escape: message[6],
    subcomponent: message[7],
  };
  if (/[A-Za-z0-9\r\n ]/.test(message.slice(3, 8)) || new Set(message.slice(3, 8)).size !== 5) {
    throw hl7Refusal(
      'MSH-2',
      'encoding characters must be four distinct delimiters after MSH-1',
      HL7_ERROR_CODES.dataTypeError,
      'AR',
    );
  }
  // Segments end with CR; LF and CRLF are accepted too (files and test tools often use them).
  const segments: Hl7Segment[] = [];
  message.split(/\r\n|\r|\n/).forEach((raw, index) => {
    if (raw.trim().length === 0) return;
    const name = raw.slice(0, 3);
    if (!/^[A-Z][A-Z0-9]{2}$/.test(name) || (raw.length > 3 && raw[3] !== d.field)) {
      throw hl7Refusal(
        `segment ${index + 1}`,
        'must start with a three-character segment id',
        HL7_ERROR_CODES.segmentSequence,
      );
    }
    const parts = raw.split(d.field);
    // MSH-1 is the field separator itself, so MSH's fields are shifted by one.
    const fields = name === 'MSH' ? ['MSH', d.field, ...parts.slice(1)] : parts;
    segments.push({ name, fields, position: segments.length + 1 });
  });
  return { delimiters: d, segments, charset };
}

export function fieldOf(segment: Hl7Segment | undefined, n: number): string {
  return segment?.fields[n] ?? '';
}

export function repetitionsOf(value: string, d: Hl7Delimiters): string[] {
  return value.length === 0 ? [] : value.split(d.repetition);
}

export function componentsOf(value: string, d: Hl7Delimiters): string[] {
  return value.split(d.component);
}

/** Component c (1-based) of the first repetition, unescaped. */
export function componentOf(value: string, c: number, d: Hl7Delimiters): string {
  return decodeHl7Escapes(componentsOf(repetitionsOf(value, d)[0] ?? '', d)[c - 1] ?? '', d);
}
