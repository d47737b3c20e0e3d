import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatBratAnnotations,
  OffsetConverter,
  parseBratAnnotations,
  readBratDocument,
  readBratFolder,
  writeBratAnnotations,
} from './brat-format.js';

const DATA = 'data'; // the repository's copies (data/*/README.md: sources, licences)

describe('BRAT standoff', () => {
  // "😀" is one code point but two UTF-16 units: BRAT offsets after it differ from JS indices.
  const text = 'Pt 😀 Ana López, 03/03/1946.';
  const ann = 'T1\tNOMBRE 5 14\tAna López\n#1\tAnnotatorNotes T1\tnote\nT2\tFECHAS 16 26\t03/03/1946\n';

  it('converts code-point offsets to UTF-16 indices so slices match the annotated text', () => {
    const sut = parseBratAnnotations(text, ann, { strict: true });
    expect(sut.map((e) => [e.id, e.type, text.slice(e.start, e.end)])).toEqual([
      ['T1', 'NOMBRE', 'Ana López'],
      ['T2', 'FECHAS', '03/03/1946'],
    ]);
    expect(sut[0].start).toBe(6);
  });

  it('writes code-point offsets back (round trip)', () => {
    const entities = parseBratAnnotations(text, ann);
    expect(formatBratAnnotations(text, entities)).toBe(
      'T1\tNOMBRE 5 14\tAna López\nT2\tFECHAS 16 26\t03/03/1946\n',
    );
  });

  it('maps offsets both ways around astral characters', () => {
    const sut = new OffsetConverter('a😀b😀');
    expect(sut.codePointLength).toBe(4);
    expect([0, 1, 2, 3, 4].map((cp) => sut.toUtf16(cp))).toEqual([0, 1, 3, 4, 6]);
    expect([0, 1, 3, 4, 6].map((u) => sut.toCodePoint(u))).toEqual([0, 1, 2, 3, 4]);
    expect(() => sut.toUtf16(5)).toThrow(RangeError);
  });

  it('covers a discontinuous span from its first start to its last end and keeps the fragments', () => {
    const doc = 'left and right lung';
    const [sut] = parseBratAnnotations(doc, 'T1\tORGAN 0 4;15 19\tleft lung\n', { strict: true });
    expect([sut.start, sut.end]).toEqual([0, 19]);
    expect(sut.fragments).toEqual([
      { start: 0, end: 4 },
      { start: 15, end: 19 },
    ]);
    expect(formatBratAnnotations(doc, [sut])).toBe('T1\tORGAN 0 4;15 19\tleft lung\n');
  });

  it('rejects, in strict mode, an annotation whose text differs from the document', () => {
    expect(() => parseBratAnnotations('abc', 'T1\tX 0 2\tzz\n', { strict: true })).toThrow(/line 1/);
  });

  it('rejects offsets beyond the end of the text', () => {
    expect(() => parseBratAnnotations('abc', 'T1\tX 0 9\tabc\n')).toThrow(RangeError);
  });

  it('reads a folder, treating a missing .ann as no annotations, and writes .ann files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'brat-'));
    try {
      await writeFile(join(dir, 'b.txt'), text);
      await writeFile(join(dir, 'b.ann'), ann);
      await writeFile(join(dir, 'a.txt'), 'nothing here');
      const sut = await readBratFolder(dir);
      expect(sut.map((d) => [d.name, d.entities.length])).toEqual([
        ['a', 0],
        ['b', 2],
      ]);
      await writeBratAnnotations(dir, { ...sut[1], name: 'c' });
      await writeFile(join(dir, 'c.txt'), text);
      expect((await readBratDocument(join(dir, 'c.txt'), { strict: true })).entities).toEqual(
        sut[1].entities,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads the real MEDDOCAN train folder strictly: 500 documents, 11,333 spans', async () => {
    const sut = await readBratFolder(`${DATA}/meddocan/train`, { strict: true });
    expect(sut).toHaveLength(500);
    expect(sut.reduce((n, d) => n + d.entities.length, 0)).toBe(11333);
  });
});
