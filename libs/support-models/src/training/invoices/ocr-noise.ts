// Train-time OCR noise for the field classifier: SROIE's ground-truth lines are clean, our OCR's are
// not. What it gets wrong on receipts (read off its output on the synthetic receipts, which no split
// scores): spaces dropped ("TOTALGBP", "VATN0123456789"), digit/letter confusions (O/0, S/5, l/I/1,
// B/8, Z/2), a character lost, a box split in two at a space, two boxes of a row read as one. A copy
// of each training receipt gets these at seeded rates; the labels follow the lines (a split line keeps
// its label, a merged one takes the field's label over "other"). Written here because no maintained
// library simulates OCR errors on text lines with boxes.
import type { Rng } from '@suite/ml';
import type { Quad } from '../../invoices/line-features.js';
import { boundsOf, type LayoutLine, rowsOf } from '../../invoices/line-features.js';
import type { FieldLabel } from '../../invoices/invoice-field-card.js';

export interface OcrNoiseRates {
  /** Share of lines touched at all. */
  line: number;
  /** Per space of a touched line: dropped. */
  dropSpace: number;
  /** Per confusable character of a touched line: swapped with its look-alike. */
  confuse: number;
  /** Per character of a touched line: lost. */
  loseChar: number;
  /** Per line with a space: split into two boxes there. */
  split: number;
  /** Per pair of neighbouring boxes on a row: read as one. */
  merge: number;
}

export const DEFAULT_OCR_NOISE: OcrNoiseRates = {
  line: 0.6,
  dropSpace: 0.35,
  confuse: 0.05,
  loseChar: 0.01,
  split: 0.04,
  merge: 0.25,
};

const LOOK_ALIKE: Record<string, string[]> = {
  O: ['0'],
  '0': ['O'],
  S: ['5'],
  '5': ['S'],
  I: ['1', 'l'],
  l: ['1', 'I'],
  '1': ['I', 'l'],
  B: ['8'],
  '8': ['B'],
  Z: ['2'],
  '2': ['Z'],
  G: ['6'],
  ',': ['.'],
  '.': [','],
};

function noisyText(text: string, rng: Rng, rates: OcrNoiseRates): string {
  let out = '';
  for (const ch of text) {
    if (ch === ' ' && rng.next() < rates.dropSpace) continue;
    if (rng.next() < rates.loseChar) continue;
    const alike = LOOK_ALIKE[ch];
    out += alike && rng.next() < rates.confuse ? alike[rng.int(alike.length)] : ch;
  }
  return out.trim() === '' ? text : out;
}

const rect = (left: number, top: number, right: number, bottom: number): Quad => [
  { x: left, y: top },
  { x: right, y: top },
  { x: right, y: bottom },
  { x: left, y: bottom },
];

export interface LabelledLines {
  lines: LayoutLine[];
  labels: FieldLabel[];
}

/** A noisy copy of a receipt's labelled lines (the input is left as it is). */
export function withOcrNoise(
  input: LabelledLines,
  rng: Rng,
  rates: OcrNoiseRates = DEFAULT_OCR_NOISE,
): LabelledLines {
  // Merges first, on the clean layout: neighbouring boxes of one row, left to right.
  const rows = rowsOf(input.lines);
  const bounds = input.lines.map((l) => boundsOf(l.box));
  const order = input.lines
    .map((_, i) => i)
    .sort((a, b) => rows[a] - rows[b] || bounds[a].left - bounds[b].left);
  const merged: { text: string; box: Quad; label: FieldLabel }[] = [];
  let previous = -1;
  for (const i of order) {
    const last = merged.at(-1);
    if (last && previous >= 0 && rows[previous] === rows[i] && rng.next() < rates.merge) {
      const a = boundsOf(last.box);
      const b = bounds[i];
      last.text = `${last.text} ${input.lines[i].text}`;
      last.box = rect(
        Math.min(a.left, b.left),
        Math.min(a.top, b.top),
        Math.max(a.right, b.right),
        Math.max(a.bottom, b.bottom),
      );
      if (last.label === 'other') last.label = input.labels[i];
    } else merged.push({ text: input.lines[i].text, box: input.lines[i].box, label: input.labels[i] });
    previous = i;
  }
  const lines: LayoutLine[] = [];
  const labels: FieldLabel[] = [];
  for (const m of merged) {
    const spaces = [...m.text.matchAll(/ /g)].map((s) => s.index);
    if (spaces.length > 0 && rng.next() < rates.split) {
      const at = spaces[rng.int(spaces.length)];
      const b = boundsOf(m.box);
      const x = b.left + ((b.right - b.left) * at) / m.text.length;
      for (const [text, box] of [
        [m.text.slice(0, at), rect(b.left, b.top, x, b.bottom)],
        [m.text.slice(at + 1), rect(x, b.top, b.right, b.bottom)],
      ] as const) {
        if (text.trim() === '') continue;
        lines.push({ text: rng.next() < rates.line ? noisyText(text, rng, rates) : text, box });
        labels.push(m.label);
      }
      continue;
    }
    lines.push({ text: rng.next() < rates.line ? noisyText(m.text, rng, rates) : m.text, box: m.box });
    labels.push(m.label);
  }
  return { lines, labels };
}
