// Streaming CSV per RFC 4180: quoted fields may hold commas, line breaks and doubled quotes ("");
// records end at CRLF, LF or CR. Typed rows map named header columns to numbers or strings.
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
  line: number;
}

type ParserState = 'fieldStart' | 'unquoted' | 'quoted' | 'quoteSeen';

/** Incremental parser: feed chunks with push(), then finish(); completed records are returned. */
export class CsvRecordParser {
  private field = '';
  private record: string[] = [];
  private state: ParserState = 'fieldStart';
  private skipLf = false;
  private line = 1;
  private recordLine = 1;

  constructor(private readonly delimiter = ',') {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new RangeError(`invalid CSV delimiter ${JSON.stringify(delimiter)}`);
    }
  }

  push(chunk: string): string[][] {
    return this.pushLocated(chunk).map((r) => r.fields);
  }

  finish(): string[][] {
    return this.finishLocated().map((r) => r.fields);
  }

  /** As push(), with the physical line (1-based) on which each record starts, for error messages. */
  pushLocated(chunk: string): LocatedRecord[] {
    const out: LocatedRecord[] = [];
    let i = 0;
    const n = chunk.length;
    if (this.skipLf && n > 0) {
      if (chunk[0] === '\n') i = 1;
      this.skipLf = false;
    }
    while (i < n) {
      if (this.state === 'quoted') {
        const q = chunk.indexOf('"', i);
        const end = q === -1 ? n : q;
        const piece = chunk.slice(i, end);
        this.field += piece;
        this.line += countLineBreaks(piece);
        i = end;
        if (q !== -1) {
          this.state = 'quoteSeen';
          i++;
        }
        continue;
      }
      const c = chunk[i];
      if (this.state === 'fieldStart' && c === '"') {
        this.state = 'quoted';
        i++;
        continue;
      }
      if (this.state === 'quoteSeen') {
        if (c === '"') {
          this.field += '"';
          this.state = 'quoted';
          i++;
          continue;
        }
        if (c !== this.delimiter && c !== '\n' && c !== '\r') {
          throw new CsvFormatError(`unexpected ${JSON.stringify(c)} after a closing quote`, this.line);
        }
      } else {
        // fieldStart or unquoted: take everything up to the next delimiter or line break.
        let j = i;
        while (j < n) {
          const d = chunk[j];
          if (d === this.delimiter || d === '\n' || d === '\r') break;
          j++;
        }
        this.field += chunk.slice(i, j);
        this.state = 'unquoted';
        i = j;
        if (i === n) break;
      }
      // chunk[i] is a delimiter or a line break ending the current field.
      const t = chunk[i];
      this.record.push(this.field);
      this.field = '';
      this.state = 'fieldStart';
      i++;
      if (t === this.delimiter) continue;
      if (t === '\r') {
        if (i < n) {
          if (chunk[i] === '\n') i++;
        } else {
          this.skipLf = true;
        }
      }
      this.emitRecord(out);
      this.line++;
      this.recordLine = this.line;
    }
    return out;
  }

  finishLocated(): LocatedRecord[] {
    const out: LocatedRecord[] = [];
    if (this.state === 'quoted') throw new CsvFormatError('unterminated quoted field', this.recordLine);
    if (this.state !== 'fieldStart' || this.record.length > 0) {
      this.record.push(this.field);
      this.field = '';
      this.state = 'fieldStart';
      this.emitRecord(out);
    }
    return out;
  }

  private emitRecord(out: LocatedRecord[]): void {
    const fields = this.record;
    this.record = [];
    // A blank line is no record (Python's csv module and pandas skip them too).
    if (fields.length === 1 && fields[0] === '') return;
    out.push({ fields, line: this.recordLine });
  }
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13 && s.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}

export interface CsvReadOptions {
  delimiter?: string;
}

/** Raw records (arrays of field strings), header included, streamed from a file, string or chunks. */
export async function* readCsvRecords(
  source: TextSource,
  options: CsvReadOptions = {},
): AsyncGenerator<string[]> {
  const parser = new CsvRecordParser(options.delimiter);
  for await (const chunk of readTextChunks(source)) yield* parser.push(chunk);
  yield* parser.finish();
}

/** All records of an in-memory CSV string. */
export function parseCsv(text: string, options: CsvReadOptions = {}): string[][] {
  const parser = new CsvRecordParser(options.delimiter);
  return [...parser.push(text.startsWith('\uFEFF') ? text.slice(1) : text), ...parser.finish()];
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
  const parser = new CsvRecordParser(options.delimiter);
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
  for await (const chunk of readTextChunks(source)) {
    for (const record of parser.pushLocated(chunk)) {
      const row = convert(record);
      if (row) yield row;
    }
  }
  for (const record of parser.finishLocated()) {
    const row = convert(record);
    if (row) yield row;
  }
  if (!columns) throw new CsvFormatError('no header row', 1);
}

/** One CSV line (no terminator); fields with a delimiter, quote or line break are quoted. */
export function formatCsvRecord(fields: readonly (string | number)[], delimiter = ','): string {
  return fields
    .map((f) => {
      const s = String(f);
      return s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r')
        ? `"${s.replaceAll('"', '""')}"`
        : s;
    })
    .join(delimiter);
}

/** A whole CSV document, one record per line, LF line endings and a final line break. */
export function formatCsv(records: readonly (readonly (string | number)[])[], delimiter = ','): string {
  return records.map((r) => `${formatCsvRecord(r, delimiter)}\n`).join('');
}
