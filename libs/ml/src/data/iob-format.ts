// IOB TSV, the CoNLL-style format of the BC5CDR and NCBI-disease files: one `token<TAB>tag` per
// line, a blank line between sentences. Extra middle columns (CoNLL-2003 style) are tolerated:
// the first column is the token, the last the tag.
import { writeFile } from 'node:fs/promises';
import { readTextLines, type TextSource } from './text-source.js';

export interface TaggedSentence {
  tokens: string[];
  tags: string[];
}

export class IobFormatError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`IOB line ${line}: ${message}`);
    this.name = 'IobFormatError';
  }
}

/** Sentences streamed from a file, string or chunks; runs of blank lines count as one boundary. */
export async function* readIobSentences(source: TextSource): AsyncGenerator<TaggedSentence> {
  let tokens: string[] = [];
  let tags: string[] = [];
  let lineNo = 0;
  for await (const line of readTextLines(source)) {
    lineNo++;
    // conlleval treats whitespace-only lines as sentence boundaries too.
    if (line.trim() === '') {
      if (tokens.length > 0) yield { tokens, tags };
      tokens = [];
      tags = [];
      continue;
    }
    const first = line.indexOf('\t');
    const last = line.lastIndexOf('\t');
    if (first <= 0 || last === line.length - 1) {
      throw new IobFormatError(`expected "token<TAB>tag", got ${JSON.stringify(line.slice(0, 80))}`, lineNo);
    }
    tokens.push(line.slice(0, first));
    tags.push(line.slice(last + 1));
  }
  if (tokens.length > 0) yield { tokens, tags };
}

/** All sentences of a source, collected. */
export async function readIobFile(source: TextSource): Promise<TaggedSentence[]> {
  const sentences: TaggedSentence[] = [];
  for await (const sentence of readIobSentences(source)) sentences.push(sentence);
  return sentences;
}

/** IOB TSV text: a blank line after every sentence, LF endings. */
export function formatIob(sentences: Iterable<TaggedSentence>): string {
  const parts: string[] = [];
  for (const { tokens, tags } of sentences) {
    if (tokens.length !== tags.length) {
      throw new RangeError(`sentence has ${tokens.length} tokens but ${tags.length} tags`);
    }
    for (let k = 0; k < tokens.length; k++) {
      if (/[\t\r\n]/.test(tokens[k]) || /[\t\r\n]/.test(tags[k])) {
        throw new RangeError(`token or tag contains a tab or line break: ${JSON.stringify(tokens[k])}`);
      }
      parts.push(`${tokens[k]}\t${tags[k]}\n`);
    }
    parts.push('\n');
  }
  return parts.join('');
}

export async function writeIobFile(path: string, sentences: Iterable<TaggedSentence>): Promise<void> {
  await writeFile(path, formatIob(sentences), 'utf8');
}
