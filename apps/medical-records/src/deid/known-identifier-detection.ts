// Structured identifiers in the text: every occurrence of every value the sender gave in structured
// form (names, record numbers, phones, e-mails, addresses, birth dates) is PHI, whatever the rules
// and the tagger found. Names match part by part (each part of 2+ characters) and whole;
// everything matches case-insensitively at word boundaries; phones match on their digits whatever
// the punctuation; dates in their common written forms. A bounded set of literal searches (at most
// MAX_KNOWN_PATTERNS needles, each an indexOf scan of the text), so linear in the text.
import type { KnownIdentifiers } from './known-identifiers.js';
import type { PhiType } from './phi-finding.js';
import type { MeddocanLabel, PhiSpan } from './phi-labels.js';
import { EN_MONTH_NAMES } from './surrogates/date-shift.js';

export const MAX_KNOWN_PATTERNS = 512;

interface Needle {
  value: string;
  type: PhiType;
  label: MeddocanLabel;
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

// Lower case unit by unit, so offsets into the result are offsets into the text.
function lowerUnits(text: string): string {
  let out = '';
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    const l = c.toLowerCase();
    out += l.length === 1 ? l : c;
  }
  return out;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const ORDINAL = (d: number): string =>
  `${d}${d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'}`;

/** Common written forms of one date given as ISO `YYYY-MM-DD` (other inputs are taken as written). */
export function writtenDateForms(value: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})/u.exec(value.trim());
  if (!m) return [value];
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return [value];
  const yy = pad2(y % 100);
  const month = EN_MONTH_NAMES[mo - 1];
  const short = month.slice(0, 3);
  const forms = new Set<string>([`${m[1]}-${m[2]}-${m[3]}`]);
  for (const [a, b] of [
    [String(mo), String(d)],
    [pad2(mo), pad2(d)],
    [String(d), String(mo)],
    [pad2(d), pad2(mo)],
  ])
    for (const sep of ['/', '-', '.']) {
      forms.add(`${a}${sep}${b}${sep}${y}`);
      forms.add(`${a}${sep}${b}${sep}${yy}`);
    }
  // Month and day alone: a birthday written without the year is still the birth date.
  forms.add(`${mo}/${d}`);
  forms.add(`${pad2(mo)}/${pad2(d)}`);
  for (const name of [month, short, `${short}.`]) {
    for (const day of [String(d), ORDINAL(d)]) {
      forms.add(`${name} ${day}, ${y}`);
      forms.add(`${name} ${day} ${y}`);
      forms.add(`${day} ${name} ${y}`);
      forms.add(`${day} of ${name} ${y}`);
      forms.add(`${name} ${day}`);
      forms.add(`${day} ${name}`);
    }
    forms.add(`${d}-${name}-${y}`);
    forms.add(`${d}-${name}-${yy}`);
  }
  return [...forms];
}

function needlesOf(known: KnownIdentifiers): Needle[] {
  const needles: Needle[] = [];
  const add = (value: string, type: PhiType, label: MeddocanLabel, min = 2): void => {
    const v = value.trim();
    if (v.length >= min) needles.push({ value: v, type, label });
  };
  for (const name of known.names ?? []) {
    add(name, 'NAME', 'NOMBRE_SUJETO_ASISTENCIA');
    for (const part of name.split(/[\s,]+/u))
      add(part.replace(/\.$/u, ''), 'NAME', 'NOMBRE_SUJETO_ASISTENCIA');
  }
  for (const id of known.identifiers ?? []) add(id, 'MEDICAL_RECORD', 'ID_SUJETO_ASISTENCIA');
  for (const email of known.emails ?? []) add(email, 'EMAIL', 'CORREO_ELECTRONICO');
  for (const address of known.addresses ?? []) {
    add(address, 'ADDRESS', 'CALLE');
    // Each line or comma-separated part of an address alone (`12 Elm St`, `Springfield`).
    for (const part of address.split(/[,\n]+/u)) add(part, 'ADDRESS', 'CALLE', 3);
  }
  for (const date of known.dates ?? [])
    for (const form of writtenDateForms(date)) add(form, 'DATE', 'FECHAS', 3);
  // Longest first, so a full name is one span rather than its parts.
  return needles.sort((a, b) => b.value.length - a.value.length).slice(0, MAX_KNOWN_PATTERNS);
}

/** Phones by their digits: runs of digits with phone punctuation between them, matched on digits. */
function phoneSpans(text: string, phones: readonly string[]): PhiSpan[] {
  const wanted = new Set<string>();
  for (const p of phones) {
    const digits = p.replace(/\D/gu, '');
    if (digits.length >= 7) wanted.add(digits);
    // A North American number may be written without its country code.
    if (digits.length === 11 && digits.startsWith('1')) wanted.add(digits.slice(1));
    if (digits.length >= 10) wanted.add(digits.slice(-10));
  }
  if (wanted.size === 0) return [];
  const spans: PhiSpan[] = [];
  for (const m of text.matchAll(/\+?\d(?:[\d]|[\s().\-/]{1,3}(?=\d))*/gu)) {
    const run = m[0];
    let digits = '';
    const at: number[] = [];
    for (let k = 0; k < run.length; k++)
      if (run[k] >= '0' && run[k] <= '9') {
        digits += run[k];
        at.push(m.index + k);
      }
    for (const w of wanted) {
      for (let i = digits.indexOf(w); i >= 0; i = digits.indexOf(w, i + w.length))
        spans.push({
          type: 'PHONE',
          label: 'NUMERO_TELEFONO',
          start: at[i],
          end: at[i + w.length - 1] + 1,
          source: 'rule',
        });
    }
  }
  return spans;
}

/** Every occurrence of the known values, as spans (overlapping ones allowed). */
export function findKnownIdentifiers(text: string, known: KnownIdentifiers): PhiSpan[] {
  const lower = lowerUnits(text);
  const spans: PhiSpan[] = [];
  for (const needle of needlesOf(known)) {
    const value = lowerUnits(needle.value);
    for (let i = lower.indexOf(value); i >= 0; i = lower.indexOf(value, i + 1)) {
      const end = i + value.length;
      // Word-bounded where the value itself starts or ends with a letter or digit.
      if (isWordChar(value[0]) && isWordChar(text[i - 1])) continue;
      if (isWordChar(value[value.length - 1]) && isWordChar(text[end])) continue;
      spans.push({ type: needle.type, label: needle.label, start: i, end, source: 'rule' });
    }
  }
  return [...spans, ...phoneSpans(text, known.phones ?? [])];
}

/**
 * The detected spans with every known value added; where they overlap, the union is removed (so
 * neither a known value nor the rest of a detected one survives), typed as the known value.
 */
export function withKnownIdentifiers(
  text: string,
  detected: readonly PhiSpan[],
  known: KnownIdentifiers,
): PhiSpan[] {
  const found = findKnownIdentifiers(text, known);
  if (found.length === 0) return [...detected];
  const all = [...found.map((s) => ({ s, known: true })), ...detected.map((s) => ({ s, known: false }))].sort(
    (a, b) => a.s.start - b.s.start || b.s.end - a.s.end,
  );
  const merged: { s: PhiSpan; known: boolean }[] = [];
  for (const item of all) {
    const last = merged[merged.length - 1];
    if (last && item.s.start < last.s.end) {
      const typed = last.known || !item.known ? last.s : item.s;
      last.s = { ...typed, start: last.s.start, end: Math.max(last.s.end, item.s.end) };
      last.known ||= item.known;
    } else merged.push({ s: { ...item.s }, known: item.known });
  }
  return merged.map((m) => m.s);
}
