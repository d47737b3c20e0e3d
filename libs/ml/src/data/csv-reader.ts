// CSV per RFC 4180 through csv-parse / csv-stringify (quoted fields may hold commas, line breaks and
// doubled quotes; records end at CRLF, LF or CR; blank lines are no record, as in Python's csv module
// and pandas). What is ours is the thin typed layer: rows keyed by header name with numbers parsed
// strictly, and errors that name the line.
import { Readable } from 'node:stream';
import { CsvError, parse, type Options as ParseOptions } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { readTextChunks, type TextSource } from './text-source.js';

export class CsvFormatError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`CSV line ${line}: ${message}`);
    this.name = 'CsvFormatError';
  }
}

export interface LocatedRecord {
  fields: string[];
  /** The physical line (1-based) on which the record ends. */
  line: number;
}

export interface CsvReadOptions {
  delimiter?: string;
}

function parseOptions(options: CsvReadOptions): ParseOptions {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new RangeError(`invalid CSV delimiter ${JSON.stringify(delimiter)}`);
  }
  // relax_column_count: the typed layer checks widths itself, with its own message.
  return { delimiter, bom: true, skip_empty_lines: true, relax_column_count: true, info: true };
}

function formatError(err: unknown): unknown {
  if (!(err instanceof CsvError)) return err;
  const line = (err as CsvError & { lines?: number }).lines ?? 0;
  const reason =
    err.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'unterminated quoted field'
      : err.code === 'CSV_INVALID_CLOSING_QUOTE'
        ? 'unexpected character after a closing quote'
        : err.code.toLowerCase().replaceAll('_', ' ');
  return new CsvFormatError(reason, line);
}

async function* readLocated(source: TextSource, options: CsvReadOptions): AsyncGenerator<LocatedRecord> {
  const parser = Readable.from(readTextChunks(source)).pipe(parse(parseOptions(options)));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
      yield { fields: record, line: info.lines };
  } catch (err) {
    throw formatError(err);
  }
}

/** Raw records (arrays of field strings), header included, streamed from a file, string or chunks. */
export async function* readCsvRecords(
  source: TextSource,
  options: CsvReadOptions = {},
): AsyncGenerator<string[]> {
  for await (const record of readLocated(source, options)) yield record.fields;
}

/** All records of an in-memory CSV string. */
export function parseCsv(text: string, options: CsvReadOptions = {}): string[][] {
  try {
    const located = parseSync(text, parseOptions(options)) as unknown as { record: string[] }[];
    return located.map((r) => r.record);
  } catch (err) {
    throw formatError(err);
  }
}

export type CsvColumnType = 'number' | 'string';
export type CsvSchema = Record<string, CsvColumnType>;
export type CsvRow<S extends CsvSchema> = { [K in keyof S]: S[K] extends 'number' ? number : string };

/**
 * Rows keyed by header name with the schema's columns converted: 'number' columns parse strictly
 * (an empty field is NaN, anything non-numeric is an error naming line and column). Columns not in
 * the schema are dropped.
 */
export async function* readCsvRows<S extends CsvSchema>(
  source: TextSource,
  schema: S,
  options: CsvReadOptions = {},
): AsyncGenerator<CsvRow<S>> {
  let columns: { name: string; index: number; type: CsvColumnType }[] | undefined;
  let width = 0;
  const convert = ({ fields: record, line }: LocatedRecord): CsvRow<S> | undefined => {
    if (!columns) {
      const header = record.map((h) => h.trim());
      width = header.length;
      columns = Object.entries(schema).map(([name, type]) => {
        const index = header.indexOf(name);
        if (index < 0) throw new CsvFormatError(`column "${name}" not found in header`, line);
        return { name, index, type };
      });
      return undefined;
    }
    if (record.length !== width) {
      throw new CsvFormatError(`expected ${width} fields, found ${record.length}`, line);
    }
    const row: Record<string, number | string> = {};
    for (const col of columns) {
      const raw = record[col.index];
      if (col.type === 'string') {
        row[col.name] = raw;
        continue;
      }
      const value = raw.trim() === '' ? NaN : Number(raw);
      if (raw.trim() !== '' && Number.isNaN(value)) {
        throw new CsvFormatError(`column "${col.name}": ${JSON.stringify(raw)} is not a number`, line);
      }
      row[col.name] = value;
    }
    return row as CsvRow<S>;
  };
  for await (const record of readLocated(source, options)) {
    const row = convert(record);
    if (row) yield row;
  }
  if (!columns) throw new CsvFormatError('no header row', 1);
}

/** A whole CSV document, one record per line, LF line endings and a final line break. */
export function formatCsv(records: readonly (readonly (string | number)[])[], delimiter = ','): string {
  return stringify(
    records.map((r) => r.map(String)),
    { delimiter, record_delimiter: 'unix' },
  );
}
