import { Rng } from '@suite/ml';
import type { Quad } from '../../invoices/line-features.js';
import { lineFeatureNames } from '../../invoices/line-features.js';
import { DEFAULT_OCR_NOISE, withOcrNoise } from './ocr-noise.js';
import type { FieldLabel } from '../../invoices/invoice-field-card.js';

const box = (x: number, y: number, w: number): Quad => [
  { x, y },
  { x: x + w, y },
  { x: x + w, y: y + 20 },
  { x, y: y + 20 },
];

describe('withOcrNoise', () => {
  const input = {
    lines: [
      { text: 'SYL ROASTED DELIGHTS SDN BHD', box: box(20, 10, 300) },
      { text: 'TOTAL', box: box(20, 40, 80) },
      { text: '54.50', box: box(300, 40, 60) },
    ],
    labels: ['company', 'other', 'total'] as FieldLabel[],
  };

  it('is seeded, leaves its input alone and keeps one label per line', () => {
    const a = withOcrNoise(input, new Rng(3));
    const b = withOcrNoise(input, new Rng(3));
    expect(a).toEqual(b);
    expect(a.lines).toHaveLength(a.labels.length);
    expect(input.lines[0].text).toBe('SYL ROASTED DELIGHTS SDN BHD');
  });

  it('merges a row into one box that takes the field label, and drops spaces', () => {
    const all = { line: 1, dropSpace: 1, confuse: 0, loseChar: 0, split: 0, merge: 1 };
    const sut = withOcrNoise(input, new Rng(1), all);
    expect(sut.lines.map((l) => l.text)).toEqual(['SYLROASTEDDELIGHTSSDNBHD', 'TOTAL54.50']);
    expect(sut.labels).toEqual(['company', 'total']);
    expect(sut.lines[1].box[1].x).toBe(360);
  });

  it('splits a line at a space into two boxes with its label', () => {
    const split = { ...DEFAULT_OCR_NOISE, line: 0, split: 1, merge: 0 };
    const sut = withOcrNoise({ lines: [input.lines[0]], labels: ['company'] }, new Rng(2), split);
    expect(sut.lines).toHaveLength(2);
    expect(sut.labels).toEqual(['company', 'company']);
    expect(sut.lines.map((l) => l.text).join(' ')).toBe('SYL ROASTED DELIGHTS SDN BHD');
  });
});

describe('keyword features', () => {
  it('spot a total word the OCR ran into the next one', () => {
    const [features] = lineFeatureNames([{ text: 'TOTALGBP', box: box(20, 10, 100) }]);
    expect(features).toEqual(expect.arrayContaining(['kw:TOTAL', 'pat:total-word']));
  });
});
