// Gazetteers for English de-identification: first names, surnames and places from public,
// licence-compatible lists, each entry flagged when it is also an English word (`grace`, `will`,
// `price`), so that rules and the tagger can tell an unambiguous name (`suzette`) from a word that
// is a name only in context. Built once by `npm run cli -- deid-gazetteer` (training/deid/english-gazetteer-builder.ts) from npm packages
// (devDependencies) into data/gazetteers/en-names.txt.gz (`zcat` reads it), which is what the rules and the tagger read
// at run time (no package list is needed then). Sources and licences: data/gazetteers/README.md.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerTokenGazetteer } from '../../ner/features/token-gazetteers.js';

/** Membership flags of one lower-cased word. */
export const GAZETTEER_FLAGS = {
  /** A curated first name (stdlib's US census first names, faker's en first names). */
  first: 1,
  /** A curated surname (faker's en last names). */
  surname: 2,
  /** In the large, noisy humannames list (first or last names scraped from the web and censuses). */
  name: 4,
  /** An English word (an-array-of-english-words, the Letterpress list). */
  word: 8,
  /** A US state or city (faker's en locations). */
  place: 16,
  /**
   * A word of clinical notes that is never PHI there: seen at least twice outside PHI and never
   * inside it in the training notes (data/physionet-deid/train). Catches what the name lists hold
   * but notes use otherwise (`sats`, `quentin` catheters, `allegra`); used by rules only (the tagger
   * learns words from the same notes itself).
   */
  clinical: 32,
} as const;

export const GAZETTEER_PATH = join('data', 'gazetteers', 'en-names.txt.gz');

export class EnglishGazetteer {
  constructor(private readonly flags: ReadonlyMap<string, number>) {}

  get size(): number {
    return this.flags.size;
  }

  /** Flags of `word` (any case); 0 when it is in no list. */
  flagsOf(word: string): number {
    return this.flags.get(word.toLowerCase()) ?? 0;
  }

  isFirstName(word: string): boolean {
    return (this.flagsOf(word) & GAZETTEER_FLAGS.first) !== 0;
  }

  /** A first name or surname of a curated list, or a name of the large list that is no English word. */
  isLikelyName(word: string): boolean {
    const f = this.flagsOf(word);
    if (f & (GAZETTEER_FLAGS.first | GAZETTEER_FLAGS.surname)) return true;
    return (f & GAZETTEER_FLAGS.name) !== 0 && (f & GAZETTEER_FLAGS.word) === 0;
  }

  /** A name of any list that is not also an English word (`suzette`, `djuric` is neither). */
  isUnambiguousName(word: string): boolean {
    const f = this.flagsOf(word);
    return (
      (f & (GAZETTEER_FLAGS.first | GAZETTEER_FLAGS.surname | GAZETTEER_FLAGS.name)) !== 0 &&
      !(f & GAZETTEER_FLAGS.word)
    );
  }

  isPlace(word: string): boolean {
    return (this.flagsOf(word) & GAZETTEER_FLAGS.place) !== 0;
  }

  isClinicalWord(word: string): boolean {
    return (this.flagsOf(word) & GAZETTEER_FLAGS.clinical) !== 0;
  }

  isEnglishWord(word: string): boolean {
    return (this.flagsOf(word) & GAZETTEER_FLAGS.word) !== 0;
  }

  static parse(text: string): EnglishGazetteer {
    const flags = new Map<string, number>();
    for (const line of text.split('\n')) {
      const tab = line.indexOf('\t');
      if (tab <= 0 || line.startsWith('#')) continue;
      flags.set(line.slice(0, tab), Number(line.slice(tab + 1)));
    }
    return new EnglishGazetteer(flags);
  }
}

/** The repository's data/gazetteers/en-names.txt.gz, found above this module (src/ or dist/). */
export function locateGazetteer(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const candidate = join(dir, GAZETTEER_PATH);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${GAZETTEER_PATH} not found above ${from}`);
    dir = parent;
  }
}

let loaded: EnglishGazetteer | undefined;

/** The shipped gazetteer, read once (synchronously: rules are synchronous). */
export function englishGazetteer(): EnglishGazetteer {
  loaded ??= EnglishGazetteer.parse(gunzipSync(readFileSync(locateGazetteer())).toString('utf8'));
  return loaded;
}

/** The name under which model cards refer to this gazetteer (`features.gazetteer`). */
export const ENGLISH_GAZETTEER_NAME = 'en-names';
registerTokenGazetteer(ENGLISH_GAZETTEER_NAME, englishGazetteer);
