// Hashed features of one receipt line for the field classifier: its words (digits reduced to their
// shape), the words of the other boxes on its row and of the lines above and below, where it sits on
// the receipt, and a few patterns (date, amount, company suffix). Same code at training (SROIE's
// ground-truth boxes) and at inference (our OCR lines).
import { murmurHash3Signed, type SparseVector } from '@suite/ml';
import type { Quad } from '../ocr/text-box-extraction.js';
import { findAmounts, findDates } from './field-normalisation.js';

export interface LayoutLine {
  text: string;
  box: Quad;
}

export const LINE_FEATURE_BITS = 14;
const SEED = 20251202;

const COMPANY_WORDS =
  /\b(SDN\.?\s*BHD|BHD|S\/B|ENTERPRISE|TRADING|RESTORAN|RESTAURANT|CO\.|COMPANY|STORE|MART|SHOP|BAKERY|BAKERIES|HARDWARE|STATIONERY|PERNIAGAAN|SYARIKAT|INTERNATIONAL|GROCER|CAFE|PLT)\b/i;
const ADDRESS_WORDS =
  /\b(JALAN|JLN|TAMAN|LOT|NO\.?\s?\d|LORONG|PERSIARAN|KUALA|LUMPUR|SELANGOR|JOHOR|BANDAR|JAYA|\d{5})\b/i;

function words(text: string): string[] {
  return text
    .toUpperCase()
    .replace(/\d/g, '0')
    .split(/[^A-Z0-9./:-]+|(?<=[A-Z])(?=0)|(?<=0)(?=[A-Z])/)
    .filter((w) => w.length > 0)
    .slice(0, 24);
}

export interface LineGeometryIndex {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

function boundsOf(box: Quad): LineGeometryIndex {
  const xs = box.map((p) => p.x);
  const ys = box.map((p) => p.y);
  return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
}

/** Lines (in reading order) grouped into rows: vertical overlap of half the shorter height. */
export function rowsOf(lines: readonly LayoutLine[]): number[] {
  const b = lines.map((l) => boundsOf(l.box));
  const row = new Array<number>(lines.length).fill(-1);
  let next = 0;
  for (let i = 0; i < lines.length; i++) {
    if (row[i] >= 0) continue;
    row[i] = next;
    for (let j = i + 1; j < lines.length; j++) {
      if (row[j] >= 0) continue;
      const overlap = Math.min(b[i].bottom, b[j].bottom) - Math.max(b[i].top, b[j].top);
      const shorter = Math.min(b[i].bottom - b[i].top, b[j].bottom - b[j].top);
      if (overlap >= 0.5 * shorter) row[j] = next;
    }
    next++;
  }
  return row;
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
  const rows = rowsOf(lines);
  const rowOrder = [...new Set(rows)];
  const linesOfRow = new Map<number, number[]>();
  rows.forEach((r, i) => linesOfRow.set(r, [...(linesOfRow.get(r) ?? []), i]));
  return lines.map((line, i) => {
    const f: string[] = ['bias'];
    const own = words(line.text);
    for (const w of own) f.push(`w:${w}`);
    for (let k = 0; k + 1 < own.length; k++) f.push(`b:${own[k]}_${own[k + 1]}`);
    if (own.length > 0) f.push(`first:${own[0]}`, `last:${own.at(-1)}`);
    const b = bounds[i];
    const y = (b.top - top) / height;
    const rowIndex = rowOrder.indexOf(rows[i]);
    f.push(`y:${Math.min(9, Math.floor(y * 10))}`);
    f.push(`row:${Math.min(12, rowIndex)}`);
    f.push(`x:${Math.min(3, Math.floor(((b.left + b.right) / 2 - left) / (width / 4)))}`);
    f.push(`wide:${Math.min(4, Math.floor(((b.right - b.left) / width) * 5))}`);
    const sameRow = linesOfRow.get(rows[i])!.filter((j) => j !== i);
    for (const j of sameRow) {
      for (const w of words(lines[j].text)) f.push(`r:${w}`);
      f.push(bounds[j].left < b.left ? 'has:left' : 'has:right');
    }
    if (sameRow.length === 0) f.push('alone');
    const rowAt = (offset: number) => rowOrder[rowOrder.indexOf(rows[i]) + offset];
    for (const [tag, r] of [
      ['p', rowAt(-1)],
      ['n', rowAt(1)],
    ] as const) {
      if (r === undefined) f.push(`${tag}:none`);
      else for (const j of linesOfRow.get(r)!) for (const w of words(lines[j].text)) f.push(`${tag}:${w}`);
    }
    const text = line.text;
    if (findDates(text).length > 0) f.push('pat:date');
    const amounts = findAmounts(text);
    if (amounts.length > 0) f.push('pat:amount');
    if (
      amounts.length > 0 &&
      text.replace(/[\s:RM]/gi, '').length <= amounts[0].printed.replace(/[\s:RM]/gi, '').length + 1
    )
      f.push('pat:only-amount');
    if (COMPANY_WORDS.test(text)) f.push('pat:company');
    if (ADDRESS_WORDS.test(text)) f.push('pat:address');
    if (/\b(TEL|FAX|PHONE|GST|REG|ROC|CO\.?\s?NO)\b/i.test(text)) f.push('pat:contact');
    const letters = text.replace(/[^A-Za-z]/g, '').length;
    f.push(`letters:${Math.min(5, Math.floor(letters / 6))}`);
    f.push(`upper:${letters > 0 && text.toUpperCase() === text ? 1 : 0}`);
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
