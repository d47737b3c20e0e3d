import { formatCsv, parseCsv, readCsvRecords, readCsvRows, CsvFormatError } from './csv-reader.js';
import type { TextSource } from './text-source.js';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const DATA = 'data'; // the repository's copies (data/*/README.md: sources, licences)

describe('CSV reader', () => {
  const tricky = 'text,category\r\n"a, b",x\r\n"say ""hi""",y\r\n"two\r\nlines",z\r\nplain,w\r\n';
  const expected = [
    ['text', 'category'],
    ['a, b', 'x'],
    ['say "hi"', 'y'],
    ['two\r\nlines', 'z'],
    ['plain', 'w'],
  ];

  it('parses quoted commas, escaped quotes and CRLF (RFC 4180)', () => {
    expect(parseCsv(tricky)).toEqual(expected);
  });

  it('gives the same records whatever the chunk boundaries', async () => {
    for (const size of [1, 2, 3, 5, 7, 64]) {
      expect(await collect(readCsvRecords(chunked(tricky, size)))).toEqual(expected);
    }
  });

  it('keeps empty fields, skips blank lines and handles a missing final line break', () => {
    expect(parseCsv('a,,c\n\n,\n"",x')).toEqual([
      ['a', '', 'c'],
      ['', ''],
      ['', 'x'],
    ]);
    expect(parseCsv('\uFEFFa\rb\r')).toEqual([['a'], ['b']]);
  });

  it('round-trips what formatCsv writes', () => {
    const records = [
      ['id', 'text'],
      ['1', 'with "quotes", commas\nand lines'],
      ['2', ''],
    ];
    expect(parseCsv(formatCsv(records))).toEqual(records);
  });

  it('rejects an unterminated quoted field', () => {
    expect(() => parseCsv('a\n"open,x\n')).toThrow(CsvFormatError);
  });

  it('rejects text after a closing quote, naming the line', () => {
    expect(() => parseCsv('a\n"x"y\n')).toThrow(/line 2/);
  });

  it('converts typed columns and names the offending line and column', async () => {
    const source: TextSource = { text: 'id,score,name,extra\n1,0.5,"Ann, B",q\n2,,Bo,r\n' };
    const rows = await collect(readCsvRows(source, { id: 'number', score: 'number', name: 'string' }));
    expect(rows).toEqual([
      { id: 1, score: 0.5, name: 'Ann, B' },
      { id: 2, score: NaN, name: 'Bo' },
    ]);
    await expect(collect(readCsvRows({ text: 'id\n1\nabc\n' }, { id: 'number' }))).rejects.toThrow(
      /line 3: column "id": "abc" is not a number/,
    );
    await expect(collect(readCsvRows({ text: 'id\n1\n' }, { missing: 'string' }))).rejects.toThrow(
      /"missing" not found/,
    );
    await expect(collect(readCsvRows({ text: 'a,b\n1\n' }, { a: 'number' }))).rejects.toThrow(
      /expected 2 fields/,
    );
  });

  it('streams the real Banking77 train file: 10,003 rows, 77 intents', async () => {
    const categories = new Set<string>();
    let n = 0;
    for await (const row of readCsvRows(
      { path: `${DATA}/banking77/train.csv` },
      { text: 'string', category: 'string' },
    )) {
      categories.add(row.category);
      n++;
    }
    expect(n).toBe(10003);
    expect(categories.size).toBe(77);
  });

  it('streams the real credit-default train file (CRLF): 24,000 rows, 5,287 defaults', async () => {
    let n = 0;
    let defaults = 0;
    for await (const row of readCsvRows(
      { path: `${DATA}/credit-default/train.csv` },
      { ID: 'number', LIMIT_BAL: 'number', 'default payment next month': 'number' },
    )) {
      n++;
      defaults += row['default payment next month'];
      expect(row.ID % 5).not.toBe(0);
    }
    expect(n).toBe(24000);
    expect(defaults).toBe(5287);
  });
});
