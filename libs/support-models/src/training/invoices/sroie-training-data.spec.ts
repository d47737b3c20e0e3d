import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Quad } from '../../invoices/line-features.js';
import { isDevReceipt, labelLines, SROIE_IMAGE_RECEIPTS } from './sroie-training-data.js';

const box = (y: number): Quad => [
  { x: 10, y },
  { x: 300, y },
  { x: 300, y: y + 20 },
  { x: 10, y: y + 20 },
];

describe('SROIE dev split', () => {
  it('holds out exactly the receipts whose images are shipped, as the manifest says', async () => {
    const manifest = await readFile(join(process.cwd(), 'data/sroie/train/MANIFEST.tsv'), 'utf8');
    const [header, ...rows] = manifest.trim().split('\n');
    const column = header.split('\t').indexOf('image_here');
    const withImages = rows.map((r) => r.split('\t')).filter((c) => c[column] === 'yes');
    expect(withImages.map((c) => c[0]).sort()).toEqual([...SROIE_IMAGE_RECEIPTS].sort());
    expect(SROIE_IMAGE_RECEIPTS.every(isDevReceipt)).toBe(true);
    const ids = rows.map((r) => r.split('\t')[0]);
    const dev = ids.filter(isDevReceipt).length;
    expect(ids).toHaveLength(626);
    expect(dev).toBeGreaterThan(140);
    expect(dev).toBeLessThan(200);
  });
});

describe('labelLines', () => {
  it('labels address lines whose punctuation differs from the key', () => {
    const lines = [
      { text: 'LIM SENG THO HARDWARE TRADING', box: box(0) },
      { text: 'NO 7. SIMPANG OFF BATU VILLAGE.', box: box(30) },
      { text: 'JALAN IPOH BATU 5, 51200 KUALA LUMPUR', box: box(60) },
      { text: 'TEL & FAX NO : 03-6258 7191', box: box(90) },
      { text: 'DATE : 03/02/2018', box: box(120) },
      { text: 'TOTAL', box: box(150) },
      {
        text: '7.00',
        box: [box(150)[0], box(150)[1], box(150)[2], box(150)[3]].map((p) => ({
          ...p,
          x: p.x + 400,
        })) as Quad,
      },
    ];
    const sut = labelLines(lines, {
      company: 'LIM SENG THO HARDWARE TRADING',
      address: 'NO 7, SIMPANG OFF BATU VILLAGE, JALAN IPOH BATU 5. 51200 KUALA LUMPUR',
      date: '03/02/2018',
      total: '7.00',
    });
    expect(sut).toEqual(['company', 'address', 'address', 'other', 'date', 'other', 'total']);
  });
});
