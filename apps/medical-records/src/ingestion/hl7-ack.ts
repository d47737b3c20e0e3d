// HL7 v2 original-mode acknowledgement (HL7 v2.5.1 §2.9.2): MSH (sender and receiver swapped), MSA with
// AA / AE / AR and the control id being acknowledged, and on a refusal an ERR segment naming where
// (ERR-2, segment^sequence^field^repetition^component) and why (ERR-3, table 0357). The message being
// acknowledged is read leniently: a body too broken to parse still gets an AR.
import { randomUUID } from 'node:crypto';
import type { Hl7Delimiters } from './hl7-escape.js';
import { HL7_ERROR_CODES, type Hl7ErrorCode } from './hl7-refusal.js';
import { RawBody } from './media-types.js';
import { componentOf, decodeHl7Body, fieldOf, parseHl7Segments, type Hl7Segment } from './hl7-segments.js';

export type AcknowledgementCode = 'AA' | 'AE' | 'AR';

export interface AcknowledgementError {
  /** `SEG-n`, `SEG-n.c`, optionally followed by ` (segment k)`. */
  location: string;
  code: Hl7ErrorCode;
  message: string;
}

const STANDARD: Hl7Delimiters = {
  field: '|',
  component: '^',
  repetition: '~',
  escape: '\\',
  subcomponent: '&',
};

const ERROR_TEXT: Record<string, string> = {
  '100': 'Segment sequence error',
  '101': 'Required field missing',
  '102': 'Data type error',
  '103': 'Table value not found',
  '104': 'Value too long',
  '200': 'Unsupported message type',
  '201': 'Unsupported event code',
  '202': 'Unsupported processing id',
  '203': 'Unsupported version id',
  '205': 'Duplicate key identifier',
  '207': 'Application internal error',
};

export function buildAcknowledgement(
  body: unknown,
  code: AcknowledgementCode,
  error?: AcknowledgementError,
  now: Date = new Date(),
): string {
  const msh = leniently(body);
  const d = STANDARD;
  const f = (n: number) => (msh ? escapeText(componentOf(fieldOf(msh, n), 1, d)) : '');
  const event = msh ? escapeText(componentOf(fieldOf(msh, 9), 2, d)) : '';
  const version = msh && /^2\.\d/.test(componentOf(fieldOf(msh, 12), 1, d)) ? f(12) : '2.5.1';
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const segments = [
    [
      'MSH',
      '^~\\&',
      f(5),
      f(6),
      f(3),
      f(4),
      stamp,
      '',
      `ACK^${event}^ACK`,
      randomUUID(),
      f(11) || 'P',
      version,
    ].join('|'),
    ['MSA', code, msh ? escapeText(fieldOf(msh, 10)) : ''].join('|'),
  ];
  if (error) {
    const text = ERROR_TEXT[error.code] ?? 'Application error';
    segments.push(
      [
        'ERR',
        '',
        errorLocation(error.location),
        `${error.code}^${text}^HL70357`,
        'E',
        '',
        '',
        escapeText(error.message),
      ].join('|'),
    );
  }
  return `${segments.join('\r')}\r`;
}

/** `PID-3` -> `PID^1^3`; `MSH-9.2` -> `MSH^1^9^1^2`; anything else -> empty (the text says it all). */
function errorLocation(location: string): string {
  const m = /^([A-Z][A-Z0-9]{2})(?:-(\d+)(?:\.(\d+))?)?/.exec(location);
  if (!m) return '';
  const [, segment, field, component] = m;
  return [segment, '1', field ?? '', component ? '1' : '', component ?? ''].join('^').replace(/\^+$/, '');
}

function leniently(raw: unknown): Hl7Segment | undefined {
  const body = raw instanceof RawBody ? raw.latin1 : raw;
  if (typeof body !== 'string' && !Buffer.isBuffer(body)) return undefined;
  // Only the MSH line matters, and it is ASCII.
  const head = (typeof body === 'string' ? body : body.subarray(0, 4096).toString('latin1'))
    .replace(/^(?:\uFEFF|\u00EF\u00BB\u00BF)/, '')
    .replace(/^\s+/, '');
  const first = head.split(/\r\n|\r|\n/)[0] ?? '';
  try {
    const msh = parseHl7Segments(decodeHl7Body(first).text).segments[0];
    // Only the standard delimiters are echoed safely into an ACK written with them.
    if (msh.fields[1] === '|' && fieldOf(msh, 2) === '^~\\&') return msh;
  } catch {
    // An MSH too broken to parse (bad MSH-2, say): its fields are still split by MSH-1 for the echo.
  }
  if (!first.startsWith('MSH') || first.length < 4 || /[A-Za-z0-9\s]/.test(first[3])) return undefined;
  const parts = first.split(first[3]);
  return { name: 'MSH', fields: ['MSH', first[3], ...parts.slice(1)], position: 1 };
}

function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\E\\')
    .replace(/\|/g, '\\F\\')
    .replace(/\^/g, '\\S\\')
    .replace(/&/g, '\\T\\')
    .replace(/~/g, '\\R\\')
    .replace(/[\r\n]/g, ' ');
}

export { HL7_ERROR_CODES };
