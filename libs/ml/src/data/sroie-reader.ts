// ICDAR 2019 SROIE receipts (Huang et al. 2019): img/<ID>.jpg, box/<ID>.txt OCR lines
// `x1,y1,...,x4,y4,transcript` (the transcript is everything after the 8th comma) and key/<ID>.json
// with company/date/address/total. Any of the three folders may be absent (the task-3 test set
// ships without boxes), so each part is optional.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SROIE_FIELDS = ['company', 'date', 'address', 'total'] as const;
export type SroieField = (typeof SROIE_FIELDS)[number];
export type SroieKey = Partial<Record<SroieField, string>>;

export interface SroieTextLine {
  /** Four corners clockwise from top-left: [x1, y1, x2, y2, x3, y3, x4, y4], pixels. */
  quad: [number, number, number, number, number, number, number, number];
  text: string;
}

export interface SroieReceipt {
  id: string;
  imagePath?: string;
  lines?: SroieTextLine[];
  key?: SroieKey;
}

/** One box file's lines; blank lines skipped, CRLF or LF. */
export function parseSroieBoxes(content: string, fileName = 'box file'): SroieTextLine[] {
  const lines: SroieTextLine[] = [];
  content.split(/\r?\n/).forEach((line, k) => {
    if (line.trim() === '') return;
    const parts: string[] = [];
    let start = 0;
    for (let c = 0; c < 8; c++) {
      const comma = line.indexOf(',', start);
      if (comma < 0) throw new Error(`${fileName}:${k + 1}: expected 8 coordinates before the transcript`);
      parts.push(line.slice(start, comma));
      start = comma + 1;
    }
    const quad = parts.map(Number);
    if (quad.some((v, i) => parts[i].trim() === '' || !Number.isFinite(v))) {
      throw new Error(`${fileName}:${k + 1}: non-numeric coordinate in ${JSON.stringify(line.slice(0, 60))}`);
    }
    lines.push({ quad: quad as SroieTextLine['quad'], text: line.slice(start) });
  });
  return lines;
}

/** A key file's fields; the released files may start with a blank line, and fields may be missing. */
export function parseSroieKey(content: string, fileName = 'key file'): SroieKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.replace(/^\uFEFF/, '').trim());
  } catch (err) {
    throw new Error(`${fileName}: invalid JSON (${err instanceof Error ? err.message : String(err)})`, {
      cause: err,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${fileName}: expected a JSON object`);
  }
  const key: SroieKey = {};
  for (const field of SROIE_FIELDS) {
    const value = (parsed as Record<string, unknown>)[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new Error(`${fileName}: field "${field}" is not a string`);
    key[field] = value;
  }
  return key;
}

async function listIds(dir: string, extension: string): Promise<Map<string, string>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw err;
  }
  const ids = new Map<string, string>();
  for (const name of names) {
    if (name.toLowerCase().endsWith(extension)) ids.set(name.slice(0, -extension.length), join(dir, name));
  }
  return ids;
}

/** Every receipt in a SROIE folder, sorted by id. */
export async function readSroieFolder(dir: string): Promise<SroieReceipt[]> {
  const [images, boxes, keys] = await Promise.all([
    listIds(join(dir, 'img'), '.jpg'),
    listIds(join(dir, 'box'), '.txt'),
    listIds(join(dir, 'key'), '.json'),
  ]);
  const ids = [...new Set([...images.keys(), ...boxes.keys(), ...keys.keys()])].sort();
  if (ids.length === 0) throw new Error(`no SROIE receipts under ${dir} (expected img/, box/ or key/)`);
  return Promise.all(
    ids.map(async (id): Promise<SroieReceipt> => {
      const receipt: SroieReceipt = { id };
      const imagePath = images.get(id);
      if (imagePath) receipt.imagePath = imagePath;
      const boxPath = boxes.get(id);
      if (boxPath) receipt.lines = parseSroieBoxes(await readFile(boxPath, 'utf8'), boxPath);
      const keyPath = keys.get(id);
      if (keyPath) receipt.key = parseSroieKey(await readFile(keyPath, 'utf8'), keyPath);
      return receipt;
    }),
  );
}
