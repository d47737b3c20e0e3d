// Writes synthetic receipts in SROIE's layout, so `eval invoice` and `train invoice` read them like
// SROIE: img/<ID>.jpg, key/<ID>.json and box/<ID>.txt (the text boxes of the unskewed layout, from the
// monospaced font's advance: DejaVu Sans Mono is 0.6 em wide), plus MANIFEST.tsv (country, currency).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  receiptLayout,
  renderReceiptJpeg,
  syntheticReceipt,
  type SyntheticReceipt,
} from './synthetic-receipts.js';

function boxFile(r: SyntheticReceipt): string {
  return receiptLayout(r)
    .map((b) => {
      const [x1, y1, x2, y2] = [b.x, b.y, b.x + b.width, b.y + b.height].map(Math.round);
      return `${x1},${y1},${x2},${y1},${x2},${y2},${x1},${y2},${b.text}`;
    })
    .join('\n');
}

export async function writeSyntheticReceipts(
  dir: string,
  from: number,
  count: number,
  images = true,
): Promise<string[]> {
  for (const sub of images ? ['img', 'key', 'box'] : ['key', 'box'])
    await mkdir(join(dir, sub), { recursive: true });
  const manifest = ['receipt_id\tcountry\tcurrency'];
  const ids: string[] = [];
  for (let k = from; k < from + count; k++) {
    const r = syntheticReceipt(k);
    if (images) await writeFile(join(dir, 'img', `${r.id}.jpg`), await renderReceiptJpeg(r));
    await writeFile(join(dir, 'key', `${r.id}.json`), `${JSON.stringify(r.key, null, 2)}\n`);
    await writeFile(join(dir, 'box', `${r.id}.txt`), `${boxFile(r)}\n`);
    manifest.push(`${r.id}\t${r.country}\t${r.currency}`);
    ids.push(r.id);
  }
  await writeFile(join(dir, 'MANIFEST.tsv'), `${manifest.join('\n')}\n`);
  return ids;
}
