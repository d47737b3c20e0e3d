import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSroieBoxes, parseSroieKey, readSroieFolder } from './sroie-reader.js';

describe('SROIE reader', () => {
  it('keeps commas inside the transcript (everything after the 8th comma)', () => {
    const sut = parseSroieBoxes('72,25,326,25,326,64,72,64,TOTAL: 1,234.50\r\n\r\n1,2,3,4,5,6,7,8,\r\n');
    expect(sut).toEqual([
      { quad: [72, 25, 326, 25, 326, 64, 72, 64], text: 'TOTAL: 1,234.50' },
      { quad: [1, 2, 3, 4, 5, 6, 7, 8], text: '' },
    ]);
  });

  it('rejects a box line with fewer than 8 coordinates', () => {
    expect(() => parseSroieBoxes('1,2,3,TEXT')).toThrow(/8 coordinates/);
  });

  it('reads a key file that starts with a blank line', () => {
    expect(parseSroieKey('\n{\n "company": "SYL", "total": "54.50", "extra": 1\n}')).toEqual({
      company: 'SYL',
      total: '54.50',
    });
  });

  it('rejects a key field that is not a string', () => {
    expect(() => parseSroieKey('{"total": 54.5}')).toThrow(/"total" is not a string/);
  });

  it('reads a folder where some parts are missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sroie-'));
    try {
      for (const sub of ['img', 'key']) await mkdir(join(dir, sub));
      await writeFile(join(dir, 'img', 'X1.jpg'), '');
      await writeFile(join(dir, 'key', 'X1.json'), '\n{"date": "01/02/2018"}');
      await writeFile(join(dir, 'img', 'X0.jpg'), '');
      const sut = await readSroieFolder(dir);
      expect(sut).toEqual([
        { id: 'X0', imagePath: join(dir, 'img', 'X0.jpg') },
        { id: 'X1', imagePath: join(dir, 'img', 'X1.jpg'), key: { date: '01/02/2018' } },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads the real SROIE train folder: 626 receipts with lines and keys, 30 with images', async () => {
    const all = await readSroieFolder('data/sroie/train');
    expect(all).toHaveLength(626);
    expect(all.every((r) => r.key && r.lines)).toBe(true);
    const sut = all.filter((r) => r.imagePath);
    expect(sut).toHaveLength(30);
    expect(sut.reduce((n, r) => n + (r.lines?.length ?? 0), 0)).toBe(1525);
    expect(sut.find((r) => r.id === 'X51005337872')?.key).toEqual({
      company: 'SYL ROASTED DELIGHTS SDN. BHD.',
      date: '06/03/2018',
      address: '75. JALAN SS 22/19, DAMANSARA JAYA, 47400 PJ',
      total: '54.50',
    });
  });
});
