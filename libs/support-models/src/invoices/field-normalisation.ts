// Values as printed on a receipt -> normalised values: ISO 8601 dates (day-first, as on Malaysian,
// British and euro-zone receipts, month-first where the receipt is American: `dateOrderOf`; a year
// first is always year-month-day) and decimal amounts as strings with two decimals.

const MONTHS: Record<string, number> = {
  JAN: 1,
  FEB: 2,
  MAR: 3,
  APR: 4,
  MAY: 5,
  JUN: 6,
  JUL: 7,
  AUG: 8,
  SEP: 9,
  SEPT: 9,
  OCT: 10,
  NOV: 11,
  DEC: 12,
};
const MONTH_NAMES =
  'JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?';

/** Date-like substrings: 25/12/2018, 12-03-18, 2018-12-25, 04 JUN 2018, 4 June, 2018, JUN 04 2018. */
export const DATE_PATTERN = new RegExp(
  [
    // Same separator twice; a 4-digit year may run into a time printed without a space.
    // Not after a digit, but after letters: the OCR runs "DATE05/12/2025" together.
    String.raw`(?<!\d)\d{1,2}([-/.])\d{1,2}\1(?:\d{4}|\d{2}(?!\d))`,
    String.raw`\b\d{4}([-/.])\d{1,2}\2\d{1,2}\b`,
    String.raw`\b\d{1,2}[ ./-]?(?:${MONTH_NAMES})[a-z]*[ ,./-]*(?:\d{4}|\d{2})\b`,
    String.raw`\b(?:${MONTH_NAMES})[ .-]?\d{1,2}(?:st|nd|rd|th)?,?[ -]?(?:\d{4}|\d{2})\b`,
    // Compact year-month-day (20180428), as some tills print it.
    String.raw`\b20\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\b`,
  ].join('|'),
  'gi',
);

/** Money amounts with two decimals (thousands separators allowed); an optional RM / $ before. */
// Not inside a date or a longer number: "28.09" of "28.09.2024" is no amount.
export const AMOUNT_PATTERN =
  /(?:(?:RM|MYR|USD|EUR|GBP|SGD|[$€£])\s?)?(?<![\d.,/])-?\d{1,3}(?:[, ]\d{3})*[.,]\d{2}(?![.,/]?\d)|(?:(?:RM|MYR|USD|EUR|GBP|SGD|[$€£])\s?)?(?<![\d.,/])-?\d+[.,]\d{2}(?![.,/]?\d)/gi;

function expandYear(y: number): number {
  return y < 100 ? 2000 + y : y;
}

function iso(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1990 || year > 2100) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return undefined; // 31/02 and the like
  return d.toISOString().slice(0, 10);
}

/** Which of two numbers before the year is the day: `DMY` (Malaysia, UK, euro zone) or `MDY` (US). */
export type DateOrder = 'DMY' | 'MDY';

/**
 * ISO date of a printed date, or undefined when it is not a valid date. `order` decides 03/06/2018
 * (6 March day-first, 3 June month-first); a date valid only the other way is read that way.
 */
export function normaliseDate(printed: string, order: DateOrder = 'DMY'): string | undefined {
  const s = printed
    .trim()
    .toUpperCase()
    .replace(/^(\d{1,2}([-/.])\d{1,2}\2\d{4})\d+$/, '$1');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/.exec(s);
  if (m) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), expandYear(Number(m[3]))];
    // The receipt's order first; the other only when the first cannot be a date (25/12, 12/25).
    return order === 'MDY' ? (iso(y, a, b) ?? iso(y, b, a)) : (iso(y, b, a) ?? iso(y, a, b));
  }
  m = /^(20\d{2})(\d{2})(\d{2})$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[ ./-]?([A-Z]+)[ ,./-]*(\d{4}|\d{2})$/.exec(s);
  if (m) {
    const month = MONTHS[m[2].slice(0, m[2].startsWith('SEPT') ? 4 : 3)];
    return month ? iso(expandYear(Number(m[3])), month, Number(m[1])) : undefined;
  }
  m = /^([A-Z]+)[ .-]?(\d{1,2})(?:ST|ND|RD|TH)?,?[ -]?(\d{4}|\d{2})$/.exec(s);
  if (m) {
    const month = MONTHS[m[1].slice(0, m[1].startsWith('SEPT') ? 4 : 3)];
    return month ? iso(expandYear(Number(m[3])), month, Number(m[2])) : undefined;
  }
  return undefined;
}

/** Every valid date in a line: the substring as printed and its ISO form. */
export function findDates(
  text: string,
  order: DateOrder = 'DMY',
): { printed: string; iso: string; index: number }[] {
  const found: { printed: string; iso: string; index: number }[] = [];
  for (const m of text.matchAll(DATE_PATTERN)) {
    const value = normaliseDate(m[0], order);
    if (value) found.push({ printed: m[0], iso: value, index: m.index });
  }
  return found;
}

const NUMERIC_DATE = /(?<!\d)(\d{1,2})([-/.])(\d{1,2})\2(?:\d{4}|\d{2})(?!\d)/g;

/**
 * The date order of a receipt: its own numeric dates first (a 25/12 or a 12/25 on it can be read one
 * way only), else its country (`receiptCountry`: a US shop's 03/06/2018 is 3 June, not 6 March);
 * day-first otherwise, as on most of the world's receipts.
 */
export function dateOrderOf(lines: readonly string[], country?: string): DateOrder {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const line of lines)
    for (const m of line.matchAll(NUMERIC_DATE)) {
      const [a, b] = [Number(m[1]), Number(m[3])];
      if (a > 12 && a <= 31 && b >= 1 && b <= 12) dayFirst++;
      else if (b > 12 && b <= 31 && a >= 1 && a <= 12) monthFirst++;
    }
  if (dayFirst !== monthFirst) return dayFirst > monthFirst ? 'DMY' : 'MDY';
  return country === 'US' ? 'MDY' : 'DMY';
}

export interface PrintedAmount {
  /** As printed, currency prefix included when it is part of the token. */
  printed: string;
  /** Decimal string, two decimals, no separators ("1234.50"). */
  value: string;
  currency?: string;
  index: number;
}

const CURRENCY_OF: Record<string, string> = {
  RM: 'MYR',
  MYR: 'MYR',
  USD: 'USD',
  $: 'USD',
  EUR: 'EUR',
  '€': 'EUR',
  GBP: 'GBP',
  '£': 'GBP',
  SGD: 'SGD',
};

/** Decimal string of a printed amount ("RM 1,234.50" -> "1234.50"), or undefined. */
export function normaliseAmount(printed: string): string | undefined {
  const m = /^(?:(RM|MYR|USD|EUR|GBP|SGD|[$€£])\s?)?(-?[\d, ]*\d)[.,](\d{2})$/i.exec(printed.trim());
  if (!m) return undefined;
  const whole = m[2].replace(/[, ]/g, '');
  if (!/^-?\d+$/.test(whole)) return undefined;
  const sign = whole.startsWith('-') ? '-' : '';
  return `${sign}${BigInt(whole.replace('-', '')).toString()}.${m[3]}`;
}

export function findAmounts(text: string): PrintedAmount[] {
  const found: PrintedAmount[] = [];
  for (const m of text.matchAll(AMOUNT_PATTERN)) {
    const value = normaliseAmount(m[0]);
    if (!value) continue;
    const prefix = /^(RM|MYR|USD|EUR|GBP|SGD|[$€£])/i.exec(m[0])?.[1]?.toUpperCase();
    found.push({
      printed: m[0].trim(),
      value,
      currency: prefix ? CURRENCY_OF[prefix] : undefined,
      index: m.index,
    });
  }
  return found;
}

/** Compares amounts as cents (no floating point). */
export function amountToCents(value: string): bigint {
  const [whole, frac = '00'] = value.split('.');
  const negative = whole.startsWith('-');
  const cents = BigInt(whole.replace('-', '') || '0') * 100n + BigInt(frac.padEnd(2, '0').slice(0, 2));
  return negative ? -cents : cents;
}

/** SROIE's comparison: upper case, whitespace removed (Huang et al. 2019, task 3). */
export function sroieNormalise(value: string): string {
  return value.toUpperCase().replace(/\s+/g, '');
}

/**
 * Digit/letter confusions of OCR inside words: a 0 between letters is an O ("L0T" -> "LOT"), an O
 * between digits is a 0 ("433O0" -> "43300"), and the O's that end a five-character postcode
 * ("400OO SHAH ALAM", "400OOSHAH" run together -> 40000); a 9 ending a lower-case word is a g.
 */
export function fixDigitLetterConfusions(text: string): string {
  // A 9 ending a lower-case word is a g ("Rawan9").
  let out = text.replace(/(?<=[A-Za-z])0(?=[A-Za-z])/g, 'O').replace(/(?<=[a-z]{2})9\b/g, 'g');
  let previous;
  do {
    previous = out;
    out = out.replace(/(?<=\d)[Oo](?=[Oo]*\d)/g, '0');
  } while (out !== previous);
  return out.replace(/(?<![\w.,/-])(\d{3,4})([Oo]{1,2})(?![\dOo])/g, (m, digits: string, os: string) =>
    digits.length + os.length === 5 ? digits + '0'.repeat(os.length) : m,
  );
}

const NUMERIC_BODY = /^-?\d{1,3}(?:,\d{3})*[.,]\d{2}$|^-?\d+[.,]\d{2}$/;

/**
 * OCR confusions inside amounts and dates, repaired only where the result is an amount or a valid
 * date ("9.O0" -> "9.00", "S.50" -> "5.50", "1l.00" -> "11.00", "O1/O2/2O18" -> "01/02/2018"), and a
 * 0 between letters read as O ("T0TAL" -> "TOTAL"). A token that stays ambiguous is left as read.
 */
export function repairOcrConfusions(text: string): string {
  return text.replace(/(?<=[A-Za-z])0(?=[A-Za-z])/g, 'O').replace(/[^\s:]+/g, (token) => {
    if (!/\d/.test(token) || !/[OoSslIB|]/.test(token)) return token;
    const m = /^((?:RM|MYR|USD|EUR|GBP|SGD|[$€£])?)(.+)$/i.exec(token)!;
    const repaired = m[2]
      .replace(/[Oo]/g, '0')
      .replace(/[Ss]/g, '5')
      .replace(/[lI|]/g, '1')
      .replace(/B/g, '8');
    if (!/^[\d.,/-]+$/.test(repaired)) return token;
    return NUMERIC_BODY.test(repaired) || normaliseDate(repaired) ? m[1] + repaired : token;
  });
}

/** An address as a customer reads it: one space after a comma, single spaces, no space before punctuation. */
export function displayAddress(text: string): string {
  return text
    .replace(/\s+([,.;])/g, '$1')
    .replace(/([,;])(?=[A-Za-z0-9])/g, '$1 ')
    .replace(/(?<=[A-Za-z]{2})\.(?=[A-Za-z]{2})/g, '. ')
    .replace(/\s+/g, ' ')
    .trim();
}
