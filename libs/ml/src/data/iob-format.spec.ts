import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatIob, readIobFile, writeIobFile, IobFormatError } from './iob-format.js';

const DATA = 'data'; // the repository's copies (data/*/README.md: sources, licences)

describe('IOB TSV', () => {
  it('reads sentences separated by blank lines, tolerating CRLF and repeated blanks', async () => {
    const sut = await readIobFile({
      text: 'Aspirin\tB-Chemical\r\ninduced\tO\r\n\r\n\r\nfever\tB-Disease\n',
    });
    expect(sut).toEqual([
      { tokens: ['Aspirin', 'induced'], tags: ['B-Chemical', 'O'] },
      { tokens: ['fever'], tags: ['B-Disease'] },
    ]);
  });

  it('takes the last column as the tag when there are extra columns', async () => {
    const sut = await readIobFile({ text: 'EU\tNNP\tB-NP\tB-ORG\n' });
    expect(sut).toEqual([{ tokens: ['EU'], tags: ['B-ORG'] }]);
  });

  it('rejects a line without a tag, naming the line', async () => {
    await expect(readIobFile({ text: 'a\tO\n\nnotag\n' })).rejects.toThrow(IobFormatError);
    await expect(readIobFile({ text: 'a\tO\n\nnotag\n' })).rejects.toThrow(/line 3/);
  });

  it('writes what it reads', async () => {
    const sentences = [
      { tokens: ['a', 'b'], tags: ['B-X', 'I-X'] },
      { tokens: ['c'], tags: ['O'] },
    ];
    expect(formatIob(sentences)).toBe('a\tB-X\nb\tI-X\n\nc\tO\n\n');
    const dir = await mkdtemp(join(tmpdir(), 'iob-'));
    try {
      await writeIobFile(join(dir, 'x.tsv'), sentences);
      expect(await readIobFile({ path: join(dir, 'x.tsv') })).toEqual(sentences);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects a sentence whose token and tag counts differ', () => {
    expect(() => formatIob([{ tokens: ['a'], tags: [] }])).toThrow(RangeError);
  });

  it('reads the real BC5CDR train file: 4,560 sentences, 118,170 tokens', async () => {
    const sut = await readIobFile({ path: `${DATA}/bc5cdr/train.tsv` });
    expect(sut).toHaveLength(4560);
    expect(sut.reduce((n, s) => n + s.tokens.length, 0)).toBe(118170);
    expect(new Set(sut.flatMap((s) => s.tags))).toEqual(
      new Set(['B-Chemical', 'I-Chemical', 'B-Disease', 'I-Disease', 'O']),
    );
  });

  it('reads the real NCBI-disease devel file: 923 sentences, 23,969 tokens', async () => {
    const sut = await readIobFile({ path: `${DATA}/ncbi-disease/devel.tsv` });
    expect(sut).toHaveLength(923);
    expect(sut.reduce((n, s) => n + s.tokens.length, 0)).toBe(23969);
  });
});
