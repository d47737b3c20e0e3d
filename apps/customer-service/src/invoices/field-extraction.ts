// Key fields of a receipt from its OCR lines and the classifier's per-line probabilities: the company
// (best "company" line near the top, with its neighbours), the address (the run of "address" lines),
// the date and total (best-scoring line holding a valid date / amount), plus invoice number, tax and
// currency by rules. Values keep the printed form (SROIE) beside a normalised one.
import type { Quad } from '../ocr/text-box-extraction.js';
import { findAmounts, findDates, fixDigitLetterConfusions } from './field-normalisation.js';
import { type LayoutLine, rowsOf } from './line-features.js';
import { correctReceiptWords } from './receipt-lexicon.js';
import { FIELD_LABELS, type FieldLabel } from './sroie-training-data.js';

export const INVOICE_FIELDS = [
  'company',
  'date',
  'address',
  'total',
  'invoiceNumber',
  'tax',
  'currency',
] as const;
export type InvoiceFieldName = (typeof INVOICE_FIELDS)[number];

export interface ExtractedField {
  /** As printed on the document. */
  value: string;
  /** ISO date, decimal amount, ISO 4217 code; the printed value for text fields. */
  normalized: string;
  confidence: number;
  /** Boxes of the lines the value was read from. */
  boxes: Quad[];
}

export type ExtractedFields = Partial<Record<InvoiceFieldName, ExtractedField>>;

/** Per line, the probability of each label (FIELD_LABELS order). */
export type LineProbabilities = readonly ArrayLike<number>[];

const label = (name: FieldLabel) => FIELD_LABELS.indexOf(name);
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

const COMPANY_HINT =
  /\b(SDN\.?\s*BHD|BHD|S\/B|ENTERPRISE|TRADING|RESTORAN|RESTAURANT|COMPANY|STORE|MART|BAKERY|PERNIAGAAN|SYARIKAT)\b/i;

export function extractFields(
  lines: readonly LayoutLine[],
  probabilities: LineProbabilities,
): ExtractedFields {
  const fields: ExtractedFields = {};
  if (lines.length === 0) return fields;
  const p = (i: number, name: FieldLabel) => probabilities[i][label(name)];
  const rows = rowsOf(lines);
  const rowCount = new Set(rows).size;
  const field = (
    indices: number[],
    value: string,
    normalized: string,
    confidence: number,
  ): ExtractedField => ({
    value,
    normalized,
    confidence: round4(confidence),
    boxes: indices.map((i) => lines[i].box),
  });

  // Company: near the top; neighbours that also look like the company join it.
  const topRows = Math.max(4, Math.ceil(rowCount * 0.4));
  const top = lines.map((_, i) => i).filter((i) => rows[i] < topRows);
  let best = argmax(top, (i) => p(i, 'company'));
  if (best !== undefined && p(best, 'company') < 0.2) {
    best = top.find((i) => COMPANY_HINT.test(lines[i].text)) ?? best;
  }
  if (best !== undefined) {
    const run = growRun(best, lines.length, (i) => p(i, 'company') > 0.5);
    const value = cleanCompany(run.map((i) => lines[i].text).join(' '));
    fields.company = field(run, value, value, p(best, 'company'));
  }

  // Address: the strongest address line and the run of address lines around it.
  const seed = argmax(
    lines.map((_, i) => i).filter((i) => !fields.company || !run(fields.company, i, lines)),
    (i) => p(i, 'address'),
  );
  if (seed !== undefined && p(seed, 'address') > 0.3) {
    const taken = new Set(companyIndices(fields, lines));
    const indices = growRun(
      seed,
      lines.length,
      (i) => !taken.has(i) && p(i, 'address') > 0.35 && !CONTACT_LINE.test(lines[i].text),
    );
    // A company registration number often opens the address block ("(81109-A) NO 290, ...").
    const value = correctReceiptWords(
      fixDigitLetterConfusions(indices.map((i) => lines[i].text).join(' ')),
    ).replace(/^\(?\s*\d{4,}-?[A-Z]\s*\)?\s*/, '');
    const confidence = indices.reduce((s, i) => s + p(i, 'address'), 0) / indices.length;
    fields.address = field(indices, value, value, confidence);
  }

  // Date: the most date-like line that holds a valid date.
  const dated = lines.map((l, i) => ({ i, dates: findDates(l.text) })).filter((d) => d.dates.length > 0);
  const bestDate = argmax(dated, (d) => p(d.i, 'date') + 0.05 / (1 + d.i));
  if (bestDate) {
    const d = bestDate.dates[0];
    fields.date = field([bestDate.i], d.printed, d.iso, Math.max(0.5, p(bestDate.i, 'date')));
  }

  // Total: the most total-like line holding an amount; its rightmost amount.
  const priced = lines
    .map((l, i) => ({ i, amounts: findAmounts(l.text) }))
    .filter((d) => d.amounts.length > 0);
  const bestTotal = argmax(priced, (d) => p(d.i, 'total'));
  if (bestTotal) {
    const a = bestTotal.amounts.at(-1)!;
    // As printed, less the currency (SROIE's totals are mostly bare numbers; the currency is a field).
    const printed = a.printed.replace(/^(RM|MYR|USD|EUR|GBP|SGD|[$€£])\s?/i, '');
    fields.total = field([bestTotal.i], printed, a.value, p(bestTotal.i, 'total'));
  }

  extractRuleFields(lines, rows, fields, field);
  return fields;
}

const CONTACT_LINE = /\b(TEL|FAX|PHONE|H\/P|EMAIL|GST|REG)\b|\+\d{2}|\b\d{2,4}-\d{6,8}\b/i;

/** OCR confusions fixed; a trailing company registration number ("(126926-H)") dropped. */
export function cleanCompany(text: string): string {
  return correctReceiptWords(fixDigitLetterConfusions(text))
    .replace(/^\d+[.,]\d+\s+(?=[A-Za-z])/, '')
    .replace(/\s*\(?\s*(?:CO\.?\s*(?:REG\.?\s*)?NO\.?\s*:?\s*)?\d{5,}[-\s]?[A-Z]?\s*\)?\s*$/i, '')
    .trim();
}

function run(f: ExtractedField, i: number, lines: readonly LayoutLine[]): boolean {
  return f.boxes.includes(lines[i].box);
}

function companyIndices(fields: ExtractedFields, lines: readonly LayoutLine[]): number[] {
  const company = fields.company;
  return company ? lines.map((_, i) => i).filter((i) => run(company, i, lines)) : [];
}

function growRun(seed: number, n: number, accept: (i: number) => boolean): number[] {
  let start = seed;
  let end = seed;
  while (start > 0 && accept(start - 1)) start--;
  while (end + 1 < n && accept(end + 1)) end++;
  return Array.from({ length: end - start + 1 }, (_, k) => start + k);
}

function argmax<T>(items: readonly T[], score: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestScore = -Infinity;
  for (const item of items) {
    const s = score(item);
    if (s > bestScore) {
      bestScore = s;
      best = item;
    }
  }
  return best;
}

const INVOICE_NUMBER =
  /\b(?:INVOICE|INV|RECEIPT|BILL|DOC(?:UMENT)?|CHECK|CHK|TRANS(?:ACTION)?|ORDER|SLIP)\s*(?:NO\.?|NUMBER|#)\s*[:.#]?\s*([A-Z0-9][A-Z0-9/-]{2,})/i;
const TAX_LINE = /\b(GST|SST|VAT|TAX|SERVICE TAX)\b/i;
const NOT_TAX = /\b(ID|REG|NO\.?|NUMBER|SUMMARY|CODE|EXCL|INCL|INCLUSIVE|EXCLUSIVE)\b/i;

function extractRuleFields(
  lines: readonly LayoutLine[],
  rows: readonly number[],
  fields: ExtractedFields,
  field: (indices: number[], value: string, normalized: string, confidence: number) => ExtractedField,
): void {
  const rowOf = (i: number) => lines.map((_, j) => j).filter((j) => rows[j] === rows[i]);
  for (let i = 0; i < lines.length && !fields.invoiceNumber; i++) {
    const same = rowOf(i);
    const text = same.map((j) => lines[j].text).join(' ');
    const m = INVOICE_NUMBER.exec(text);
    if (m && /\d/.test(m[1])) fields.invoiceNumber = field(same, m[1], m[1].toUpperCase(), 0.6);
  }
  for (let i = lines.length - 1; i >= 0 && !fields.tax; i--) {
    const same = rowOf(i);
    const text = same.map((j) => lines[j].text).join(' ');
    if (!TAX_LINE.test(text) || NOT_TAX.test(text) || /TOTAL.*(EXCL|INCL)/i.test(text)) continue;
    const amount = same.flatMap((j) => findAmounts(lines[j].text)).at(-1);
    if (amount) fields.tax = field(same, amount.printed, amount.value, 0.5);
  }
  const currencies = lines.flatMap((l) => findAmounts(l.text).map((a) => a.currency)).filter((c) => c);
  const currency =
    currencies[0] ??
    (lines.some((l) => /\bRM\s?\d|\bRM\b|RINGGIT|MALAYSIA/i.test(l.text)) ? 'MYR' : undefined);
  if (currency)
    fields.currency = {
      value: currency,
      normalized: currency,
      confidence: currencies[0] ? 0.9 : 0.6,
      boxes: [],
    };
}
