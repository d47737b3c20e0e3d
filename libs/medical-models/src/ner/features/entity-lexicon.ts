// A dictionary of entity names learnt from the training corpus, matched longest-first in a sentence
// (the gazetteer features of BANNER and of Ratinov & Roth 2009). Keys ignore spacing and case, so
// `5 - fluorouracil` (corpus tokens) and `5-fluorouracil` (medical tokenizer) are the same entry.
// Each entry keeps how often its string was an entity when it occurred: a reliability the tagger
// sees as a bucket, so `cold` (rarely an entity) and `cocaine` (always) are told apart.
import type { LabelSpan } from '../tagging/tag-scheme.js';

const MAX_WORDS = 8;

export interface LexiconEntry {
  type: string;
  /** Times the string occurred as an entity of `type`. */
  asEntity: number;
  /** Times the string occurred at all (as a token sequence). */
  occurrences: number;
}

export interface LexiconMatch {
  type: string;
  start: number;
  end: number;
  /** asEntity / occurrences. */
  reliability: number;
}

export function lexiconKey(words: readonly string[], start: number, end: number): string {
  let key = '';
  for (let k = start; k < end; k++) key += words[k].toLowerCase().replace(/\s+/gu, '');
  return key;
}

export class EntityLexicon {
  private readonly entries = new Map<string, LexiconEntry>();
  private readonly maxWords: number;

  private constructor(maxWords: number) {
    this.maxWords = maxWords;
  }

  /** Learns names from labelled sentences: the most frequent type per string, with its reliability. */
  static fromSentences(
    sentences: readonly { words: readonly string[]; spans: readonly LabelSpan[] }[],
  ): EntityLexicon {
    const lexicon = new EntityLexicon(MAX_WORDS);
    const byType = new Map<string, Map<string, number>>();
    let longest = 1;
    for (const { words, spans } of sentences) {
      for (const span of spans) {
        if (span.end - span.start > MAX_WORDS) continue;
        longest = Math.max(longest, span.end - span.start);
        const key = lexiconKey(words, span.start, span.end);
        const counts = byType.get(key) ?? new Map<string, number>();
        counts.set(span.type, (counts.get(span.type) ?? 0) + 1);
        byType.set(key, counts);
      }
    }
    for (const [key, counts] of byType) {
      const [type, asEntity] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
      lexicon.entries.set(key, { type, asEntity, occurrences: 0 });
    }
    // Occurrences anywhere, entity or not, for each known string.
    for (const { words } of sentences) {
      for (let i = 0; i < words.length; i++) {
        let key = '';
        for (let j = i; j < Math.min(words.length, i + longest); j++) {
          key += words[j].toLowerCase().replace(/\s+/gu, '');
          const entry = lexicon.entries.get(key);
          if (entry) entry.occurrences++;
        }
      }
    }
    return lexicon;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Longest matches, left to right, not overlapping. */
  match(words: readonly string[]): LexiconMatch[] {
    const matches: LexiconMatch[] = [];
    let i = 0;
    while (i < words.length) {
      let found: LexiconMatch | undefined;
      let key = '';
      for (let j = i; j < Math.min(words.length, i + this.maxWords); j++) {
        key += words[j].toLowerCase().replace(/\s+/gu, '');
        const entry = this.entries.get(key);
        if (entry) {
          found = {
            type: entry.type,
            start: i,
            end: j + 1,
            reliability: entry.asEntity / Math.max(entry.occurrences, entry.asEntity),
          };
        }
      }
      if (found) {
        matches.push(found);
        i = found.end;
      } else i++;
    }
    return matches;
  }

  toJSON(): [string, string, number, number][] {
    return [...this.entries].map(([key, e]) => [key, e.type, e.asEntity, e.occurrences]);
  }

  static fromJSON(rows: readonly [string, string, number, number][]): EntityLexicon {
    const lexicon = new EntityLexicon(MAX_WORDS);
    for (const [key, type, asEntity, occurrences] of rows)
      lexicon.entries.set(key, { type, asEntity, occurrences });
    return lexicon;
  }
}
