// BRAT standoff (MEDDOCAN's format): NAME.txt plus NAME.ann with text-bound lines
// `T<n><TAB>TYPE START END<TAB>text`. BRAT offsets count Unicode code points, JS strings index
// UTF-16 code units, so offsets are converted on read and write; in memory every span is UTF-16.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

export interface TextSpan {
  /** UTF-16 index into the document text (what String.prototype.slice takes). */
  start: number;
  end: number;
}

export interface BratEntity extends TextSpan {
  id: string;
  type: string;
  /** For a discontinuous annotation (`S1 E1;S2 E2`) its fragments; start/end then cover min..max. */
  fragments?: TextSpan[];
  /** The span text as written in the .ann file. */
  text: string;
}

export interface BratDocument {
  name: string;
  text: string;
  entities: BratEntity[];
}

/**
 * Converts between code-point and UTF-16 offsets of one text. Texts without astral characters
 * (all of MEDDOCAN) take the identity path.
 */
export class OffsetConverter {
  private readonly utf16OfCodePoint: Int32Array | undefined;
  private readonly codePointOfUtf16: Int32Array | undefined;

  constructor(private readonly text: string) {
    if (!/[\uD800-\uDBFF]/.test(text)) return;
    const utf16Of: number[] = [];
    const cpOf = new Int32Array(text.length + 1);
    let cp = 0;
    for (let u = 0; u < text.length;) {
      utf16Of.push(u);
      const width = (text.codePointAt(u) ?? 0) > 0xffff ? 2 : 1;
      cpOf[u] = cp;
      if (width === 2) cpOf[u + 1] = cp + 1; // an index inside a pair maps past the character
      u += width;
      cp++;
    }
    utf16Of.push(text.length);
    cpOf[text.length] = cp;
    this.utf16OfCodePoint = Int32Array.from(utf16Of);
    this.codePointOfUtf16 = cpOf;
  }

  get codePointLength(): number {
    return this.utf16OfCodePoint ? this.utf16OfCodePoint.length - 1 : this.text.length;
  }

  toUtf16(codePointOffset: number): number {
    if (!Number.isInteger(codePointOffset) || codePointOffset < 0 || codePointOffset > this.codePointLength) {
      throw new RangeError(`offset ${codePointOffset} outside the text (${this.codePointLength} characters)`);
    }
    return this.utf16OfCodePoint ? this.utf16OfCodePoint[codePointOffset] : codePointOffset;
  }

  toCodePoint(utf16Offset: number): number {
    if (!Number.isInteger(utf16Offset) || utf16Offset < 0 || utf16Offset > this.text.length) {
      throw new RangeError(`offset ${utf16Offset} outside the text (${this.text.length} code units)`);
    }
    return this.codePointOfUtf16 ? this.codePointOfUtf16[utf16Offset] : utf16Offset;
  }
}

export interface BratParseOptions {
  /** Throw when an annotation's text differs from the .txt slice (default: false, keep the offsets). */
  strict?: boolean;
}

/** Text-bound annotations (T lines) of an .ann file; other kinds (A, R, E, N, #) are skipped. */
export function parseBratAnnotations(
  text: string,
  ann: string,
  options: BratParseOptions = {},
): BratEntity[] {
  const offsets = new OffsetConverter(text);
  const entities: BratEntity[] = [];
  ann.split(/\r?\n/).forEach((line, k) => {
    if (!line.startsWith('T')) return;
    const where = `.ann line ${k + 1}`;
    const [id, spec, spanText = ''] = line.split('\t');
    if (spec === undefined) throw new Error(`${where}: expected "T<n><TAB>TYPE START END<TAB>text"`);
    const space = spec.indexOf(' ');
    if (space <= 0) throw new Error(`${where}: missing offsets in ${JSON.stringify(spec)}`);
    const type = spec.slice(0, space);
    const fragments = spec
      .slice(space + 1)
      .split(';')
      .map((range): TextSpan => {
        const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(range);
        if (!m) throw new Error(`${where}: bad offsets ${JSON.stringify(range)}`);
        const start = offsets.toUtf16(Number(m[1]));
        const end = offsets.toUtf16(Number(m[2]));
        if (end < start) throw new Error(`${where}: end before start`);
        return { start, end };
      });
    const start = Math.min(...fragments.map((f) => f.start));
    const end = Math.max(...fragments.map((f) => f.end));
    if (options.strict) {
      const expected = fragments.map((f) => text.slice(f.start, f.end)).join(' ');
      if (expected !== spanText) {
        throw new Error(`${where}: text ${JSON.stringify(spanText)} != document ${JSON.stringify(expected)}`);
      }
    }
    const entity: BratEntity = { id, type, start, end, text: spanText };
    if (fragments.length > 1) entity.fragments = fragments;
    entities.push(entity);
  });
  return entities;
}

/**
 * An .ann file for these entities, numbered T1..Tn in the given order, offsets in code points.
 * Discontinuous entities keep their fragments; text is re-read from the document.
 */
export function formatBratAnnotations(
  text: string,
  entities: readonly (TextSpan & { type: string; fragments?: TextSpan[] })[],
): string {
  const offsets = new OffsetConverter(text);
  return entities
    .map((e, k) => {
      if (!/^\S+$/.test(e.type))
        throw new RangeError(`entity type must be one word, got ${JSON.stringify(e.type)}`);
      const fragments =
        e.fragments && e.fragments.length > 0 ? e.fragments : [{ start: e.start, end: e.end }];
      const ranges = fragments
        .map((f) => `${offsets.toCodePoint(f.start)} ${offsets.toCodePoint(f.end)}`)
        .join(';');
      // BRAT joins fragment texts with a space; a line break inside a span would break the line format.
      const spanText = fragments
        .map((f) => text.slice(f.start, f.end))
        .join(' ')
        .replace(/[\r\n\t]/g, ' ');
      return `T${k + 1}\t${e.type} ${ranges}\t${spanText}\n`;
    })
    .join('');
}

/** NAME.txt with its NAME.ann (a missing .ann means no annotations). */
export async function readBratDocument(
  txtPath: string,
  options: BratParseOptions = {},
): Promise<BratDocument> {
  if (!txtPath.endsWith('.txt')) throw new Error(`expected a .txt path, got ${txtPath}`);
  const text = await readFile(txtPath, 'utf8');
  let ann = '';
  try {
    ann = await readFile(`${txtPath.slice(0, -4)}.ann`, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return { name: basename(txtPath, '.txt'), text, entities: parseBratAnnotations(text, ann, options) };
}

/** Every NAME.txt (with its .ann) in a folder, sorted by name. */
export async function readBratFolder(dir: string, options: BratParseOptions = {}): Promise<BratDocument[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort();
  return Promise.all(names.map((n) => readBratDocument(join(dir, n), options)));
}

/** Writes DIR/NAME.ann for a document's text and entities. */
export async function writeBratAnnotations(dir: string, document: BratDocument): Promise<void> {
  await writeFile(
    join(dir, `${document.name}.ann`),
    formatBratAnnotations(document.text, document.entities),
    'utf8',
  );
}
