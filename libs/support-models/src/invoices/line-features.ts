// Hashed features of one receipt line for the field classifier, read off the receipt as a 2-D layout:
// the line's words (digits reduced to their shape), the words of the boxes left and right of it on
// its row and of the rows above and below, where it sits (row from the top and from the bottom, x,
// width, font height against the receipt's median), patterns (date, amount, company suffix, postcode,
// contact) and, for amounts, how the amount ranks among the receipt's amounts and how often it
// recurs (a total is usually the largest and is printed again as "CASH" / "ROUNDED"). Same code at
// training (SROIE's ground-truth boxes) and at inference (our OCR lines).
import { murmurHash3Signed, type SparseVector } from '@suite/ml';
import { amountToCents, findAmounts, findDates } from './field-normalisation.js';

export interface Point {
  x: number;
  y: number;
}

/** A text box's corners, clockwise from top-left (the OCR's detector and SROIE's boxes alike). */
export type Quad = [Point, Point, Point, Point];

export interface LayoutLine {
  text: string;
  box: Quad;
  /** The OCR's confidence in the text (absent for ground-truth lines). */
  confidence?: number;
}

export const LINE_FEATURE_BITS = 16;
const SEED = 20251202;

const COMPANY_WORDS =
  /\b(SDN\.?\s*BHD|BHD|S\/B|ENTERPRISE|TRADING|RESTORAN|RESTAURANT|CO\.|COMPANY|STORE|MART|SHOP|BAKERY|BAKERIES|HARDWARE|STATIONERY|PERNIAGAAN|SYARIKAT|INTERNATIONAL|GROCER|CAFE|PLT|LTD|LIMITED|INC|LLC|GMBH|SARL|PLC)\b/i;
const ADDRESS_WORDS =
  /\b(JALAN|JLN|TAMAN|LOT|NO\.?\s?\d|LORONG|PERSIARAN|KUALA|LUMPUR|SELANGOR|JOHOR|BANDAR|JAYA|STREET|ST\.|ROAD|RD\.?|AVENUE|AVE|LANE|STRASSE|STRAßE|RUE|VIA|SUITE|FLOOR)\b/i;
const POSTCODE = /\b\d{5}\b|\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/;
const CONTACT = /\b(TEL|FAX|PHONE|H\/P|EMAIL|GST|VAT|REG|ROC|CO\.?\s?NO|WWW|HTTP)\b|@/i;
const TOTAL_WORDS = /\b(TOTAL|JUMLAH|AMOUNT|NETT|NET|DUE|PAYABLE|BALANCE|GRAND|SUMME|TOTALE|BETRAG)\b/i;

/**
 * Words receipts repeat, spotted inside the line's letters with spaces and punctuation removed: our
 * OCR often drops the space between words ("TOTALGBP", "VATN0123456789"), which leaves the word
 * features nothing they know; a keyword inside still says what the line is.
 */
const KEYWORDS = [
  'TOTAL',
  'SUBTOTAL',
  'AMOUNT',
  'AMT',
  'CASH',
  'CHANGE',
  'CARD',
  'TAX',
  'GST',
  'VAT',
  'SST',
  'ROUND',
  'DUE',
  'NETT',
  'BALANCE',
  'PAYABLE',
  'PAYMENT',
  'TENDER',
  'DISCOUNT',
  'JUMLAH',
  'SUMME',
  'BETRAG',
  'INVOICE',
  'RECEIPT',
  'DATE',
  'TIME',
  'TEL',
  'FAX',
  'QTY',
  'ITEM',
  'PRICE',
  'THANK',
  'JALAN',
  'JLN',
  'TAMAN',
  'STREET',
  'ROAD',
  'SDN',
  'BHD',
  'LTD',
  'GMBH',
  'LLC',
  'SELANGOR',
  'LUMPUR',
  'JOHOR',
  'CASHIER',
  'EXCL',
  'INCL',
];

const RUN_TOGETHER_TOTAL = /TOTAL|JUMLAH|AMOUNT|PAYABLE|SUMME|BETRAG/;

function keywords(text: string): string[] {
  const letters = text.toUpperCase().replace(/[^A-Z]+/g, '');
  return KEYWORDS.filter((k) => letters.includes(k));
}

function words(text: string): string[] {
  return text
    .toUpperCase()
    .replace(/\d/g, '0')
    .split(/[^A-Z0-9./:-]+|(?<=[A-Z])(?=0)|(?<=0)(?=[A-Z])/)
    .filter((w) => w.length > 0)
    .slice(0, 24);
}

export interface LineBounds {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function boundsOf(box: Quad): LineBounds {
  const xs = box.map((p) => p.x);
  const ys = box.map((p) => p.y);
  return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
}

/**
 * Lines grouped into rows: vertical overlap of half the shorter height. Sorted by top first, so a
 * row is found in one sweep over the lines that can still overlap (linear in practice).
 */
export function rowsOf(lines: readonly LayoutLine[]): number[] {
  const b = lines.map((l) => boundsOf(l.box));
  const order = lines.map((_, i) => i).sort((p, q) => b[p].top - b[q].top || p - q);
  const row = new Array<number>(lines.length).fill(-1);
  let next = 0;
  for (let a = 0; a < order.length; a++) {
    const i = order[a];
    if (row[i] >= 0) continue;
    row[i] = next;
    for (let c = a + 1; c < order.length; c++) {
      const j = order[c];
      if (b[j].top > b[i].bottom) break;
      if (row[j] >= 0) continue;
      const overlap = Math.min(b[i].bottom, b[j].bottom) - Math.max(b[i].top, b[j].top);
      const shorter = Math.min(b[i].bottom - b[i].top, b[j].bottom - b[j].top);
      if (overlap >= 0.5 * shorter) row[j] = next;
    }
    next++;
  }
  return row;
}

function median(values: number[]): number {
  if (values.length === 0) return 1;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function patterns(text: string): string[] {
  const f: string[] = [];
  if (findDates(text).length > 0) f.push('date');
  const amounts = findAmounts(text);
  if (amounts.length > 0) f.push('amount');
  if (
    amounts.length > 0 &&
    text.replace(/[\s:RM$€£]/gi, '').length <= amounts[0].printed.replace(/[\s:RM$€£]/gi, '').length + 1
  )
    f.push('only-amount');
  if (COMPANY_WORDS.test(text)) f.push('company');
  if (ADDRESS_WORDS.test(text)) f.push('address');
  if (POSTCODE.test(text)) f.push('postcode');
  if (CONTACT.test(text)) f.push('contact');
  if (TOTAL_WORDS.test(text) || RUN_TOGETHER_TOTAL.test(text.toUpperCase().replace(/[^A-Z]+/g, '')))
    f.push('total-word');
  if (/,\s*$/.test(text)) f.push('ends-comma');
  return f;
}

/** Feature names of every line (exposed for tests and for the card's documentation). */
export function lineFeatureNames(lines: readonly LayoutLine[]): string[][] {
  const bounds = lines.map((l) => boundsOf(l.box));
  const top = Math.min(...bounds.map((b) => b.top));
  const bottom = Math.max(...bounds.map((b) => b.bottom));
  const left = Math.min(...bounds.map((b) => b.left));
  const right = Math.max(...bounds.map((b) => b.right));
  const height = Math.max(1, bottom - top);
  const width = Math.max(1, right - left);
  const fontHeight = median(bounds.map((b) => b.bottom - b.top));
  const rows = rowsOf(lines);
  const rowCount = new Set(rows).size;
  // Rows in top-to-bottom order; rowsOf numbers them so.
  const linesOfRow = new Map<number, number[]>();
  rows.forEach((r, i) => linesOfRow.set(r, [...(linesOfRow.get(r) ?? []), i]));
  const rowText = (r: number) => (linesOfRow.get(r) ?? []).map((j) => lines[j].text).join(' ');
  const rowPatterns = Array.from({ length: rowCount }, (_, r) => patterns(rowText(r)));
  const firstContactRow = rowPatterns.findIndex((p) => p.includes('contact'));
  // Every distinct amount on the receipt, largest first, and how often each is printed.
  const lineAmounts = lines.map((l) => findAmounts(l.text).map((a) => amountToCents(a.value)));
  const seen = new Map<bigint, number>();
  for (const list of lineAmounts) for (const c of list) seen.set(c, (seen.get(c) ?? 0) + 1);
  const ranked = [...seen.keys()].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
  return lines.map((line, i) => {
    const f: string[] = ['bias'];
    const own = words(line.text);
    for (const w of own) f.push(`w:${w}`);
    for (const k of keywords(line.text)) f.push(`kw:${k}`);
    for (const w of own) if (w.length >= 4) f.push(`w3:${w.slice(0, 3)}`);
    for (let k = 0; k + 1 < own.length; k++) f.push(`b:${own[k]}_${own[k + 1]}`);
    if (own.length > 0) f.push(`first:${own[0]}`, `last:${own.at(-1)}`);
    f.push(`n:${Math.min(6, own.length)}`);
    const b = bounds[i];
    const r = rows[i];
    f.push(`y:${Math.min(9, Math.floor(((b.top - top) / height) * 10))}`);
    f.push(`row:${Math.min(12, r)}`, `rowb:${Math.min(12, rowCount - 1 - r)}`);
    f.push(`x:${Math.min(3, Math.floor(((b.left + b.right) / 2 - left) / (width / 4)))}`);
    f.push(`wide:${Math.min(4, Math.floor(((b.right - b.left) / width) * 5))}`);
    const h = (b.bottom - b.top) / Math.max(1, fontHeight);
    f.push(`font:${h < 0.8 ? 'small' : h < 1.25 ? 'normal' : h < 1.7 ? 'large' : 'huge'}`);
    if (firstContactRow >= 0)
      f.push(r < firstContactRow ? 'above-contact' : r === firstContactRow ? 'at-contact' : 'below-contact');
    const sameRow = linesOfRow.get(r)!.filter((j) => j !== i);
    for (const j of sameRow) {
      const side = bounds[j].left < b.left ? 'rl' : 'rr';
      for (const w of words(lines[j].text)) f.push(`${side}:${w}`);
      for (const k of keywords(lines[j].text)) f.push(`rkw:${k}`);
      for (const p of patterns(lines[j].text)) f.push(`${side}p:${p}`);
    }
    if (sameRow.length === 0) f.push('alone');
    for (const [tag, offset] of [
      ['p', -1],
      ['n', 1],
      ['p2', -2],
      ['n2', 2],
    ] as const) {
      const other = r + offset;
      if (other < 0 || other >= rowCount) {
        f.push(`${tag}:none`);
        continue;
      }
      for (const p of rowPatterns[other]) f.push(`${tag}p:${p}`);
      if (Math.abs(offset) === 1)
        for (const j of linesOfRow.get(other) ?? []) {
          for (const w of words(lines[j].text)) f.push(`${tag}:${w}`);
          for (const k of keywords(lines[j].text)) f.push(`${tag}kw:${k}`);
        }
    }
    for (const p of patterns(line.text)) f.push(`pat:${p}`);
    for (const p of rowPatterns[r]) f.push(`rowp:${p}`);
    const amounts = lineAmounts[i];
    if (amounts.length > 0) {
      const top1 = amounts.reduce((m, c) => (c > m ? c : m));
      const rank = ranked.indexOf(top1);
      f.push(`amt-rank:${Math.min(3, rank)}`, `amt-seen:${Math.min(3, seen.get(top1)!)}`);
      if (rank === 0 && seen.get(top1)! >= 2) f.push('amt-max-repeated');
    }
    const letters = line.text.replace(/[^A-Za-z]/g, '').length;
    f.push(`letters:${Math.min(5, Math.floor(letters / 6))}`);
    f.push(`upper:${letters > 0 && line.text.toUpperCase() === line.text ? 1 : 0}`);
    return f;
  });
}

/** Signed hashed features (Weinberger et al. 2009), ascending unique indices, values summed. */
export function hashLineFeatures(names: readonly string[], bits = LINE_FEATURE_BITS): SparseVector {
  const mask = (1 << bits) - 1;
  const acc = new Map<number, number>();
  for (const name of names) {
    const h = murmurHash3Signed(name, SEED);
    const index = h & mask;
    const sign = h < 0 ? -1 : 1;
    acc.set(index, (acc.get(index) ?? 0) + sign);
  }
  const indices = [...acc.keys()].filter((k) => acc.get(k) !== 0).sort((a, b) => a - b);
  return { indices: Int32Array.from(indices), values: Float32Array.from(indices, (k) => acc.get(k)!) };
}

export function lineFeatures(lines: readonly LayoutLine[], bits = LINE_FEATURE_BITS): SparseVector[] {
  return lineFeatureNames(lines).map((names) => hashLineFeatures(names, bits));
}
