// Date surrogates: every date of one patient moves by the same number of days, so intervals between
// dates survive (the usual approach of i2b2's surrogate generation, Stubbs et al. 2015). The written
// format is kept: separators, zero padding, two-digit years, month names in the text's language.
import type { DeidLanguage } from '../phi-finding.js';
import { EN_MONTHS, ES_MONTHS } from '../rules/date-rules.js';

export const EN_MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const ES_MONTH_NAMES = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];

const DAY_MS = 86_400_000;

function addDays(y: number, m: number, d: number, days: number): { y: number; m: number; d: number } {
  const t = new Date(Date.UTC(y, m - 1, d) + days * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

const pad = (n: number, like: string): string => String(n).padStart(like.length >= 2 ? 2 : 1, '0');
const isDay = (d: number, m: number): boolean => m >= 1 && m <= 12 && d >= 1 && d <= 31;

function fullYear(y: string): number {
  if (y.length === 4) return Number(y);
  const n = Number(y);
  return n <= 30 ? 2000 + n : 1900 + n;
}

function writeYear(y: number, like: string): string {
  return like.length === 2 ? String(y % 100).padStart(2, '0') : String(y);
}

/** Finds the month a word names (English or Spanish, full or abbreviated), 1-12. */
function monthOf(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const k = ES_MONTH_NAMES.findIndex((m) => m.startsWith(w) || (w === 'setiembre' && m === 'septiembre'));
  if (k >= 0) return k + 1;
  const e = EN_MONTH_NAMES.findIndex((m) => m.toLowerCase().startsWith(w));
  return e >= 0 ? e + 1 : undefined;
}

function monthName(m: number, like: string, language: DeidLanguage): string {
  const full = (language === 'es' ? ES_MONTH_NAMES : EN_MONTH_NAMES)[m - 1];
  const cleaned = like.replace(/\.$/, '');
  const written = cleaned.toLowerCase();
  const complete =
    [...EN_MONTH_NAMES, ...ES_MONTH_NAMES].some((m) => m.toLowerCase() === written) ||
    written === 'setiembre';
  let name = complete ? full : full.slice(0, 3);
  if (/^\p{Lu}/u.test(like)) name = name[0].toUpperCase() + name.slice(1);
  if (/^\p{Lu}+$/u.test(cleaned) && cleaned.length > 1) name = name.toUpperCase();
  return like.endsWith('.') && name.length <= 4 ? `${name}.` : name;
}

const MONTH_WORD = new RegExp(`\\b(?:${ES_MONTHS}|${EN_MONTHS}|ene|abr|ago|dic|sept)(?!\\p{L})\\.?`, 'giu');

/**
 * The date written in `value`, moved by `days`, in the same format; undefined when `value` is not
 * a date this function can read (the caller then redacts it).
 */
export function shiftDate(value: string, days: number, language: DeidLanguage): string | undefined {
  let m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(value);
  if (m) {
    const t = addDays(Number(m[1]), Number(m[3]), Number(m[4]), days);
    return `${t.y}${m[2]}${pad(t.m, m[3])}${m[2]}${pad(t.d, m[4])}`;
  }
  m = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})$/.exec(value);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[3])];
    // English notes write month first, Spanish day first; an impossible reading decides otherwise.
    const monthFirst = language === 'en' ? isDay(b, a) : !isDay(a, b) && isDay(b, a);
    const [d, mo] = monthFirst ? [b, a] : [a, b];
    if (!isDay(d, mo)) return undefined;
    const t = addDays(fullYear(m[4]), mo, d, days);
    const first = monthFirst ? pad(t.m, m[1]) : pad(t.d, m[1]);
    const second = monthFirst ? pad(t.d, m[3]) : pad(t.m, m[3]);
    return `${first}${m[2]}${second}${m[2]}${writeYear(t.y, m[4])}`;
  }
  m = /^(\d{1,2})([-/])(\d{4})$/.exec(value);
  if (m) {
    const t = addDays(Number(m[3]), Number(m[1]), 15, days);
    return `${pad(t.m, m[1])}${m[2]}${t.y}`;
  }
  m = /^(?:(año|year)\s+)?(\d{4})$/iu.exec(value);
  if (m) {
    // A bare year moves by the rounded shift, at least one year, so it never stays as it was.
    const years = Math.sign(days) * Math.max(1, Math.round(Math.abs(days) / 365));
    return `${m[1] ? `${m[1]} ` : ''}${Number(m[2]) + years}`;
  }
  return shiftWrittenDate(value, days, language);
}

// Dates with a month name: the day and the year are the numbers around it.
function shiftWrittenDate(value: string, days: number, language: DeidLanguage): string | undefined {
  MONTH_WORD.lastIndex = 0;
  const word = MONTH_WORD.exec(value);
  if (!word) return undefined;
  const month = monthOf(word[0]);
  if (!month) return undefined;
  const numbers = [...value.matchAll(/\d+/g)];
  const yearMatch =
    numbers.find((n) => n[0].length === 4) ?? numbers.find((n) => n[0].length === 2 && n.index > word.index);
  const dayMatch = numbers.find(
    (n) => n !== yearMatch && n[0].length <= 2 && Number(n[0]) >= 1 && Number(n[0]) <= 31,
  );
  const year = yearMatch ? fullYear(yearMatch[0]) : 2001; // any non-leap year: only month and day are written
  const t = addDays(year, month, dayMatch ? Number(dayMatch[0]) : 15, days);
  const out: { index: number; length: number; text: string }[] = [
    { index: word.index, length: word[0].length, text: monthName(t.m, word[0], language) },
  ];
  if (dayMatch) out.push({ index: dayMatch.index, length: dayMatch[0].length, text: pad(t.d, dayMatch[0]) });
  if (yearMatch)
    out.push({ index: yearMatch.index, length: yearMatch[0].length, text: writeYear(t.y, yearMatch[0]) });
  out.sort((a, b) => b.index - a.index);
  let result = value;
  for (const o of out) result = result.slice(0, o.index) + o.text + result.slice(o.index + o.length);
  // Ordinal suffixes follow the new day (3rd -> 17th).
  return result.replace(/\b(\d{1,2})(st|nd|rd|th)\b/, (_, d: string) => `${d}${ordinal(Number(d))}`);
}

function ordinal(d: number): string {
  if (d % 100 >= 11 && d % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][d % 10] ?? 'th';
}
