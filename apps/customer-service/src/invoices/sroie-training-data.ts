// SROIE receipts as field-classifier examples: the ground-truth OCR boxes labelled by the key fields,
// and the deterministic held-out part of train (by a hash of the receipt id) that no training sees.
import { murmurHash3Signed, type SroieKey, type SroieReceipt, type SroieTextLine } from '@suite/ml';
import type { Quad } from '../ocr/text-box-extraction.js';
import { findAmounts, normaliseAmount, sroieNormalise } from './field-normalisation.js';
import type { LayoutLine } from './line-features.js';
import { rowsOf } from './line-features.js';

export const FIELD_LABELS = ['other', 'company', 'address', 'date', 'total'] as const;
export type FieldLabel = (typeof FIELD_LABELS)[number];

export const SROIE_SPLIT = { seed: 20251202, heldOutOneIn: 3 } as const;
export type SroieSplit = 'all' | 'train' | 'heldout';

/** One in three receipt ids, by MurmurHash3 of the id: never used for training or selection. */
export function isHeldOutReceipt(id: string): boolean {
  return Math.abs(murmurHash3Signed(id, SROIE_SPLIT.seed)) % SROIE_SPLIT.heldOutOneIn === 0;
}

export function selectSplit<T extends { id: string }>(receipts: readonly T[], split: SroieSplit): T[] {
  if (split === 'all') return [...receipts];
  return receipts.filter((r) => isHeldOutReceipt(r.id) === (split === 'heldout'));
}

export function quadOf(line: SroieTextLine): Quad {
  const q = line.quad;
  return [
    { x: q[0], y: q[1] },
    { x: q[2], y: q[3] },
    { x: q[4], y: q[5] },
    { x: q[6], y: q[7] },
  ];
}

export function layoutOf(receipt: SroieReceipt): LayoutLine[] {
  return (receipt.lines ?? []).map((l) => ({ text: l.text, box: quadOf(l) }));
}

function squash(text: string): string {
  return sroieNormalise(text).replace(/^[.,:;]+|[.,:;]+$/g, '');
}

const TOTAL_WORDS = /TOTAL|JUMLAH|AMOUNT|NETT|DUE|PAYABLE/i;

/** The label of each ground-truth line, from the receipt's key (SROIE task 3). */
export function labelLines(lines: readonly LayoutLine[], key: SroieKey): FieldLabel[] {
  const labels: FieldLabel[] = lines.map(() => 'other');
  const rows = rowsOf(lines);
  const firstRows = Math.max(3, Math.ceil(new Set(rows).size / 3));
  const company = key.company ? squash(key.company) : '';
  const address = key.address ? squash(key.address) : '';
  const date = key.date ? sroieNormalise(key.date) : '';
  lines.forEach((line, i) => {
    const t = squash(line.text);
    if (t.length < 2) return;
    if (date && sroieNormalise(line.text).includes(date)) labels[i] = 'date';
    else if (company && t.length >= 3 && company.includes(t) && rows[i] < firstRows) labels[i] = 'company';
    else if (address && t.length >= 4 && address.includes(t)) labels[i] = 'address';
  });
  const total = key.total ? normaliseAmount(key.total.replace(/^RM\s*/i, '')) : undefined;
  if (total) {
    const candidates = lines
      .map((l, i) => i)
      .filter((i) => labels[i] === 'other' && findAmounts(lines[i].text).some((a) => a.value === total));
    const rowText = (i: number) =>
      lines
        .filter((_, j) => rows[j] === rows[i])
        .map((l) => l.text)
        .join(' ');
    const preferred = candidates.filter((i) => TOTAL_WORDS.test(rowText(i)) && !/SUB/i.test(rowText(i)));
    for (const i of preferred.length > 0 ? preferred : candidates) labels[i] = 'total';
  }
  return labels;
}
