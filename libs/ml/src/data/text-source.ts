// Where text comes from for the data readers: a file (streamed, never loaded whole), an in-memory
// string, or any async iterable of chunks. Readers take a TextSource so tests can use inline fixtures.
import { createReadStream } from 'node:fs';

export type TextSource = { path: string } | { text: string } | AsyncIterable<string>;

const BOM = '\uFEFF';

/** Chunks of text, with a leading UTF-8 byte-order mark removed. */
export async function* readTextChunks(source: TextSource): AsyncGenerator<string> {
  let first = true;
  for await (const raw of rawChunks(source)) {
    let chunk = raw;
    if (first && chunk.length > 0) {
      if (chunk.startsWith(BOM)) chunk = chunk.slice(1);
      first = false;
    }
    if (chunk.length > 0) yield chunk;
  }
}

async function* rawChunks(source: TextSource): AsyncGenerator<string> {
  if ('text' in source) {
    yield source.text;
  } else if ('path' in source) {
    // encoding 'utf8' makes the stream's decoder keep multi-byte characters split across reads intact.
    for await (const chunk of createReadStream(source.path, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
      yield chunk as string;
    }
  } else {
    yield* source;
  }
}

/** Lines without their terminator; LF, CRLF and lone CR all end a line. */
export async function* readTextLines(source: TextSource): AsyncGenerator<string> {
  let pending = '';
  let skipLf = false;
  for await (const chunk of readTextChunks(source)) {
    let start = 0;
    if (skipLf && chunk[0] === '\n') start = 1;
    skipLf = false;
    for (let i = start; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      yield pending + chunk.slice(start, i);
      pending = '';
      if (c === 13) {
        if (i + 1 < chunk.length) {
          if (chunk.charCodeAt(i + 1) === 10) i++;
        } else {
          skipLf = true; // the LF of this CRLF may open the next chunk
        }
      }
      start = i + 1;
    }
    pending += chunk.slice(start);
  }
  if (pending.length > 0) yield pending;
}
