import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTextChunks, readTextLines } from './text-source.js';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function* pieces(...parts: string[]): AsyncGenerator<string> {
  yield* parts;
}

describe('text sources', () => {
  it('splits lines on LF, CRLF and CR, also when CRLF straddles two chunks', async () => {
    expect(await collect(readTextLines(pieces('a\r', '\nb\rc\n', 'd')))).toEqual(['a', 'b', 'c', 'd']);
    expect(await collect(readTextLines({ text: 'x\n\ny\n' }))).toEqual(['x', '', 'y']);
  });

  it('drops a leading byte-order mark and decodes multi-byte UTF-8 from a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'text-'));
    try {
      const path = join(dir, 'f.txt');
      await writeFile(path, `\uFEFF${'ñ'.repeat(70000)}\nfin`);
      const lines = await collect(readTextLines({ path }));
      expect(lines).toEqual(['ñ'.repeat(70000), 'fin']);
      expect((await collect(readTextChunks({ path }))).join('').startsWith('ñ')).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
