// Document-level propagation of names: a name found once in a cue-rich place (`Patient: Fatima
// Kowalski`, `Dr. Pham`) is PHI wherever else it occurs in the same document, cue or not, in any
// case (`Discussed with Fatima`, `d/w dr. KOWALSKI`). Standard in de-identification systems since
// the i2b2 2006 challenge (e.g. Gardner & Xiong's HIDE, Dernoncourt et al. 2017's post-processing).
// Word by word, so a surname alone is found too; adjacent found words become one span. One pass
// over the text's words with a hash lookup: linear in the text whatever the number of names.
import { englishGazetteer } from '@suite/medical-models';
import type { PhiSpan } from './phi-labels.js';
import { acceptName, NOT_NAME_WORDS } from './rules/name-rules.js';
import { overlapsTaken } from './span-resolution.js';

const PARTICLES = new Set([
  'de',
  'del',
  'la',
  'las',
  'los',
  'y',
  'van',
  'von',
  'der',
  'da',
  'di',
  'le',
  'el',
]);
// Surnames and given names that are also everyday words of notes: in lower case they are the word
// (`will call`, `black stool`, `hope to extubate`), so only their title-case mentions propagate
// (not `WILL` in a note written in capitals).
const COMMON = new Set(
  (
    'will|may|mark|bill|hope|joy|grace|faith|rose|june|april|august|pat|sue|art|dawn|summer|amber|' +
    'rich|frank|gene|earl|black|brown|green|white|young|king|page|hall|wood|stone|cook|baker|long|' +
    'short|best|little|chase|hunter|price|rice|ward|lane|day|bell|ball|hill|rock|ray|drew|sky|' +
    'case|free|good|hart|head|low|moss|nurse|park|rush|sharp|small|wells|west|north|south|east|' +
    'mass|bath|banks|hand|foot|house|field|bright|gray|grey|more|most|hard|soft|love|sweet|norm|' +
    'don|ben|sal|max|val|jan|sat|sun|mon|tue|wed|thu|fri'
  ).split('|'),
);

const FUNCTION_WORDS = new Set(NOT_NAME_WORDS.split('|'));

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

export function propagateNames(text: string, spans: readonly PhiSpan[]): PhiSpan[] {
  const words = new Map<string, PhiSpan>();
  for (const s of spans) {
    if (s.type !== 'NAME') continue;
    for (const m of text.slice(s.start, s.end).matchAll(WORD)) {
      const key = nameWordKey(m[0]);
      if (key !== null && !words.has(key)) words.set(key, s);
    }
  }
  if (words.size === 0) return [...spans];
  return propagateNameWords(text, spans, (key) => words.get(key));
}

/**
 * The key under which a word of a NAME span propagates (lower case), or null for a word that never
 * does (shorter than 3, digits, a particle or a function word). Also the key a patient's name memory
 * remembers (patient-name-memory.ts), so both use the same filters.
 */
export function nameWordKey(word: string): string | null {
  const key = word.toLowerCase();
  if (key.length < 3 || /^\d+$/u.test(key) || PARTICLES.has(key) || FUNCTION_WORDS.has(key)) return null;
  return key;
}

/** The words of `text` in NAME spans, by key (see nameWordKey). */
export function nameWordKeys(text: string, spans: readonly PhiSpan[]): Set<string> {
  const keys = new Set<string>();
  for (const s of spans) {
    if (s.type !== 'NAME') continue;
    for (const m of text.slice(s.start, s.end).matchAll(WORD)) {
      const key = nameWordKey(m[0]);
      if (key !== null) keys.add(key);
    }
  }
  return keys;
}

/**
 * `spans` plus a NAME span for every mention outside them of a word whose key `source` knows (it
 * gives the span to copy type and label from), with the mention filters of in-document propagation.
 */
export function propagateNameWords(
  text: string,
  spans: readonly PhiSpan[],
  source: (key: string) => PhiSpan | undefined,
): PhiSpan[] {
  const taken = new Uint8Array(text.length);
  for (const s of spans) taken.fill(1, s.start, s.end);
  const found: PhiSpan[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const key = nameWordKey(word);
    const from = key === null ? undefined : source(key);
    if (!from) continue;
    const start = m.index;
    const end = start + word.length;
    if (overlapsTaken(taken, start, end)) continue;
    if (COMMON.has(word.toLowerCase()) && !/^\p{Lu}\p{Ll}/u.test(word)) continue;
    if (!acceptName(word, text, start, end)) continue;
    taken.fill(1, start, end);
    found.push({ ...from, start, end, source: from.source });
  }
  const merged: PhiSpan[] = [];
  for (const f of found) {
    const last = merged[merged.length - 1];
    if (
      last &&
      last.label === f.label &&
      f.start - last.end <= 3 &&
      /^[ \t]+$/u.test(text.slice(last.end, f.start))
    )
      last.end = f.end;
    else merged.push({ ...f });
  }
  return [...spans, ...merged].sort((a, b) => a.start - b.start);
}

/**
 * English notes: a place or facility found once (`CALVERT`, `Sacred Heart`, `GH`) is PHI wherever
 * else it occurs in the same document. A word that is also an English word (`heart`, `harbor`)
 * propagates only to capitalised mentions beside another such mention (`Sacred Heart`), a
 * two-letter one (`GH`) only to mentions in capitals.
 * One pass over the words with a hash lookup, as for names.
 */
export function propagatePlaces(text: string, spans: readonly PhiSpan[]): PhiSpan[] {
  const gazetteer = englishGazetteer();
  const words = new Map<string, PhiSpan>();
  for (const s of spans) {
    if (s.type !== 'LOCATION' && s.type !== 'ORGANIZATION') continue;
    for (const m of text.slice(s.start, s.end).matchAll(WORD)) {
      const key = m[0].toLowerCase();
      if (/^\d+$/u.test(key) || PARTICLES.has(key) || FUNCTION_WORDS.has(key) || PLACE_WORDS.has(key))
        continue;
      if (key.length < 2 || (key.length === 2 && !/^\p{Lu}{2}$/u.test(m[0]))) continue;
      if (!words.has(key)) words.set(key, s);
    }
  }
  if (words.size === 0) return [...spans];
  const taken = new Uint8Array(text.length);
  for (const s of spans) taken.fill(1, s.start, s.end);
  // Mentions first, then the filters: an English word needs a found word beside it (`Sacred Heart`,
  // not `Heart rate`).
  const mentions: { from: PhiSpan; start: number; end: number; word: boolean }[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const key = word.toLowerCase();
    const from = words.get(key);
    if (!from) continue;
    const start = m.index;
    const end = start + word.length;
    if (overlapsTaken(taken, start, end)) continue;
    const english = key.length > 2 && gazetteer.isEnglishWord(key);
    if (key.length === 2 ? !/^\p{Lu}{2}$/u.test(word) : english && !/^\p{Lu}/u.test(word)) continue;
    // Not the tail or head of a longer token (`GH2`, `x-GH`).
    if (/[\p{L}\p{N}]/u.test(text[end] ?? '') || /[\p{L}\p{N}]/u.test(text[start - 1] ?? '')) continue;
    mentions.push({ from, start, end, word: english });
  }
  const beside = (a: { end: number } | undefined, b: { start: number } | undefined): boolean =>
    a !== undefined && b !== undefined && /^ {1,2}$/u.test(text.slice(a.end, b.start));
  const found: PhiSpan[] = [];
  mentions.forEach((m, k) => {
    if (m.word && !beside(mentions[k - 1], m) && !beside(m, mentions[k + 1])) return;
    taken.fill(1, m.start, m.end);
    found.push({ ...m.from, start: m.start, end: m.end });
  });
  return [...spans, ...found].sort((a, b) => a.start - b.start);
}

// Words of places that are no place by themselves (`St.`, `hospital` inside a found span).
const PLACE_WORDS = new Set(
  'st|saint|hospital|hosp|center|medical|rehab|campus|county|city|street|road|avenue|lane|north|south|east|west|new|university|general'.split(
    '|',
  ),
);
