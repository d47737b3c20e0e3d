// SROIE receipts as field-classifier examples: the ground-truth OCR boxes labelled by the key fields,
// and the deterministic dev part of the 626 training receipts (by receipt id) that no training sees:
// the 30 receipts whose images are in data/sroie/train/img (the figure from pixels) and one in
// five of the others by a hash of the id.
import { murmurHash3Signed, type SroieKey, type SroieReceipt, type SroieTextLine } from '@suite/ml';
import type { Quad } from '../../invoices/line-features.js';
import { findAmounts, normaliseAmount, sroieNormalise } from '../../invoices/field-normalisation.js';
import type { FieldLabel } from '../../invoices/invoice-field-card.js';
import type { LayoutLine } from '../../invoices/line-features.js';
import { rowsOf } from '../../invoices/line-features.js';

export const SROIE_SPLIT = { seed: 20251202, devOneIn: 5 } as const;
export type SroieSplit = 'all' | 'train' | 'dev';

/** The receipts with `image_here = yes` in data/sroie/train/MANIFEST.tsv (every 20th sorted id). */
export const SROIE_IMAGE_RECEIPTS: readonly string[] = [
  'X00016469612',
  'X51005337872',
  'X51005441401',
  'X51005444033',
  'X51005568881',
  'X51005663276',
  'X51005676545',
  'X51005711442',
  'X51005719873',
  'X51005741944',
  'X51005757290',
  'X51006008074',
  'X51006332575',
  'X51006388044',
  'X51006401978',
  'X51006414680',
  'X51006466778',
  'X51006556726',
  'X51006557161',
  'X51006619496',
  'X51006620161',
  'X51006867435',
  'X51006913074',
  'X51007231338',
  'X51007339114',
  'X51007339162',
  'X51007846269',
  'X51007846398',
  'X51008099048',
  'X51008114284',
];
const IMAGE_RECEIPTS = new Set(SROIE_IMAGE_RECEIPTS);

/** Dev receipts: never trained on. The 30 with images, and one in five others by MurmurHash3 of the id. */
export function isDevReceipt(id: string): boolean {
  return (
    IMAGE_RECEIPTS.has(id) || Math.abs(murmurHash3Signed(id, SROIE_SPLIT.seed)) % SROIE_SPLIT.devOneIn === 0
  );
}

export function selectSplit<T extends { id: string }>(receipts: readonly T[], split: SroieSplit): T[] {
  if (split === 'all') return [...receipts];
  return receipts.filter((r) => isDevReceipt(r.id) === (split === 'dev'));
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

const alnum = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]+/g, '');
const tokens = (text: string) =>
  text
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((t) => t.length > 0);

/**
 * Whether a line is part of a key field: contained in it letters and digits only (the box
 * transcripts and the key often differ in punctuation: "SETAPAK, 53200" in the box, "SETAPAK. 53200"
 * in the key), or, with one OCR slip, 80 % of its words in the key's words.
 */
function partOf(line: string, key: string, keyTokens: ReadonlySet<string>): boolean {
  const a = alnum(line);
  if (a.length >= 3 && alnum(key).includes(a)) return true;
  const words = tokens(line);
  if (words.length < 3) return false;
  return words.filter((w) => keyTokens.has(w)).length >= 0.8 * words.length;
}

const TOTAL_WORDS = /TOTAL|JUMLAH|AMOUNT|NETT|DUE|PAYABLE/i;

/** The label of each ground-truth line, from the receipt's key (SROIE task 3). */
export function labelLines(lines: readonly LayoutLine[], key: SroieKey): FieldLabel[] {
  const labels: FieldLabel[] = lines.map(() => 'other');
  const rows = rowsOf(lines);
  const firstRows = Math.max(3, Math.ceil(new Set(rows).size / 3));
  const company = key.company ?? '';
  const address = key.address ?? '';
  const companyTokens = new Set(tokens(company));
  const addressTokens = new Set(tokens(address));
  const date = key.date ? sroieNormalise(key.date) : '';
  lines.forEach((line, i) => {
    const t = squash(line.text);
    if (t.length < 2) return;
    if (date && sroieNormalise(line.text).includes(date)) labels[i] = 'date';
    else if (company && rows[i] < firstRows && partOf(line.text, company, companyTokens))
      labels[i] = 'company';
    else if (address && alnum(line.text).length >= 4 && partOf(line.text, address, addressTokens))
      labels[i] = 'address';
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
