// Token features for the NER tagger, hashed into 2^bits rows (Weinberger et al. 2009): the word
// and its neighbours, Porter stem, word shape, prefixes and suffixes, character n-grams, lexicon
// matches learnt from training data, and orthographic flags: the feature set of classic CRF
// biomedical taggers (BANNER, Leaman & Gonzalez 2008; Settles 2004). Each token gets at most
// `maxFeatures` ids; the ONNX graph sums the weight rows of those ids (id = 2^bits is padding).
import stemmers from 'natural/lib/natural/stemmers/index.js';
import { murmurHash3Signed } from '@suite/ml';
import type { EntityLexicon, LexiconMatch } from './entity-lexicon.js';
import { tokenGazetteer, type TokenGazetteer } from './token-gazetteers.js';
import { orthographicFlags, shortWordShape, wordShape } from './word-shape.js';

export interface NerFeatureConfig {
  bits: number;
  maxFeatures: number;
  /** Character n-gram sizes inside `<word>`. */
  charNgrams: number[];
  /** Words either side used as context. */
  window: number;
  /** Whether lexicon features are used (false for DP models: a lexicon learnt from data leaks it). */
  lexicon: boolean;
  /**
   * Opt-in (de-identification): a registered gazetteer (./token-gazetteers) whose flags of the word
   * and its neighbours are features, with the word's case class. Absent: no such feature.
   */
  gazetteer?: string;
  /** Bits of the gazetteer's flags used as features (default: all). */
  gazetteerMask?: number;
  /**
   * Opt-in (de-identification): cue words within three words left and two right (`d/w dr. X`,
   * `X RN`, `son X`), case-insensitive, plus the word's case-insensitive shape.
   */
  cues?: boolean;
}

export const DEFAULT_FEATURE_CONFIG: NerFeatureConfig = {
  bits: 18,
  maxFeatures: 80,
  charNgrams: [3, 4],
  window: 2,
  lexicon: true,
};

/** Hashed feature ids of a sentence: token k's ids are ids[k*maxFeatures .. +count[k]]. */
export interface SentenceFeatures {
  /** The tokens the features were computed from. */
  words: readonly string[];
  length: number;
  maxFeatures: number;
  ids: Int32Array;
  counts: Int32Array;
}

interface WordInfo {
  /** Context hashes: lower-cased word, short shape, stem. */
  lower: number;
  shape: number;
  stem: number;
  /** Gazetteer flags and case class (opt-in features; 0 / '' when unused). */
  gazetteer: number;
  caseClass: string;
  /** Cue class of the word (`relative`, `clinician`, ...), '' when none. */
  cue: string;
  /** Hashes of the word-local features (prefixes, suffixes, n-grams, flags, ...). */
  local: Int32Array;
}

const SEED = 0x5eed;

// Word-local features of a longer token are computed from its first and last 32 code units. Every
// token of the training corpora is shorter (BC5CDR and MEDDOCAN through the medical tokenizer: 45
// at most), so trained features are unchanged; a 70,000-character token cost seconds before (Porter
// stemmer and n-grams over the whole of it) although only the first `maxFeatures` ids are kept.
export const MAX_FEATURE_WORD_LENGTH = 64;

/** `word` itself when short, else its head and tail (never splitting a surrogate pair). */
export function clipForFeatures(word: string, max = MAX_FEATURE_WORD_LENGTH): string {
  if (word.length <= max) return word;
  const half = max >> 1;
  let head = half;
  if (isLowSurrogate(word.charCodeAt(head))) head--;
  let tail = word.length - half;
  if (isLowSurrogate(word.charCodeAt(tail))) tail++;
  return word.slice(0, head) + word.slice(tail);
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

// Integer mix of two 32-bit hashes (murmur3 finaliser), for context features without new strings.
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const hash = (s: string): number => murmurHash3Signed(s, SEED);
const BIAS = hash('bias');
const SENTENCE_START = hash('<s>');
const SENTENCE_END = hash('</s>');
// Template salts for positional features.
const T_LOWER = [-3, -2, -1, 0, 1, 2, 3].map((o) => hash(`w@${o}`));
const T_SHAPE = [-3, -2, -1, 0, 1, 2, 3].map((o) => hash(`s@${o}`));
const T_STEM = [-3, -2, -1, 0, 1, 2, 3].map((o) => hash(`st@${o}`));
const T_BIGRAM_LEFT = hash('w-1|w0');
const T_BIGRAM_RIGHT = hash('w0|w+1');
const T_LEX = [-1, 0, 1].map((o) => hash(`lex@${o}`));
const T_GAZ = [-1, 0, 1].map((o) => hash(`gz@${o}`));
const T_GAZ_CASE = hash('gz|case');
const T_CUE_LEFT = [1, 2, 3].map((o) => hash(`cue@-${o}`));
const T_CUE_RIGHT = [1, 2].map((o) => hash(`cue@+${o}`));
const T_CUE_BAG_LEFT = hash('cue<');
const T_CUE_BAG_RIGHT = hash('cue>');

// Cue words of clinical notes around names (de-identification's `cues` features). Hand-listed:
// no library lists the titles, relatives and verbs of contact that nursing notes put before names.
const CUE_CLASS = new Map<string, string>([
  ...'dr|drs|doctor|docter|mr|mrs|ms|miss|prof'.split('|').map((w) => [w, 'title'] as [string, string]),
  ...'np|rn|md|pa|rrt|crt|lpn|cns|attending|resident|fellow|intern|nurse|sw|cm|pcp'
    .split('|')
    .map((w) => [w, 'clinician'] as [string, string]),
  ...(
    'wife|husband|son|sons|daughter|daughters|dtr|dau|mother|mom|father|dad|brother|brothers|sister|sisters|' +
    'niece|neice|nephew|friend|friends|girlfriend|boyfriend|fiance|fiancee|grandson|granddaughter|cousin|aunt|' +
    'uncle|spouse|partner|hcp|proxy|family|families'
  )
    .split('|')
    .map((w) => [w, 'relative'] as [string, string]),
  ...'with|called|call|per|paged|notified|informed|spoke|d/w|w/|by|told|contacted|contact'
    .split('|')
    .map((w) => [w, 'contact'] as [string, string]),
  ...'hospital|hosp|center|clinic|rehab|home|street|st|ave|road|rd'
    .split('|')
    .map((w) => [w, 'place'] as [string, string]),
]);

function caseClassOf(word: string): string {
  if (!/\p{L}/u.test(word)) return /\d/u.test(word) ? 'd' : 'p';
  if (/^\p{Lu}+$/u.test(word)) return word.length === 1 ? 'I' : 'U';
  if (/^\p{Lu}\p{Ll}/u.test(word)) return 'T';
  if (/^\p{Ll}+$/u.test(word)) return 'l';
  return 'm';
}

function reliabilityBucket(r: number): string {
  return r >= 0.9 ? 'hi' : r >= 0.6 ? 'mid' : r >= 0.3 ? 'lo' : 'rare';
}

export class NerFeaturizer {
  private readonly cache = new Map<string, WordInfo>();
  private readonly mask: number;
  private readonly gazetteer?: TokenGazetteer;
  readonly padId: number;

  constructor(
    readonly config: NerFeatureConfig,
    private readonly lexicon?: EntityLexicon,
  ) {
    if (config.window > 3) throw new RangeError('window must be <= 3');
    this.mask = 2 ** config.bits - 1;
    this.padId = 2 ** config.bits;
    if (config.gazetteer) this.gazetteer = tokenGazetteer(config.gazetteer);
  }

  get dimension(): number {
    return 2 ** this.config.bits;
  }

  /** Features of one sentence; `lexicon` overrides the featurizer's (jackknifed training). */
  featurize(words: readonly string[], lexicon: EntityLexicon | undefined = this.lexicon): SentenceFeatures {
    const { maxFeatures, window } = this.config;
    const n = words.length;
    const ids = new Int32Array(n * maxFeatures).fill(this.padId);
    const counts = new Int32Array(n);
    const infos = words.map((w) => this.wordInfo(w));
    const lexTags = this.config.lexicon && lexicon ? lexiconTags(lexicon.match(words), n) : undefined;
    const contextOf = (k: number, pick: (w: WordInfo) => number): number =>
      k < 0 ? SENTENCE_START : k >= n ? SENTENCE_END : pick(infos[k]);
    for (let k = 0; k < n; k++) {
      let c = 0;
      const base = k * maxFeatures;
      const add = (h: number): void => {
        if (c < maxFeatures) ids[base + c++] = h & this.mask;
      };
      add(BIAS);
      for (let o = -window; o <= window; o++) {
        add(
          mix(
            contextOf(k + o, (w) => w.lower),
            T_LOWER[o + 3],
          ),
        );
        if (o !== 0)
          add(
            mix(
              contextOf(k + o, (w) => w.shape),
              T_SHAPE[o + 3],
            ),
          );
        if (Math.abs(o) <= 1)
          add(
            mix(
              contextOf(k + o, (w) => w.stem),
              T_STEM[o + 3],
            ),
          );
      }
      add(
        mix(
          mix(
            contextOf(k - 1, (w) => w.lower),
            infos[k].lower,
          ),
          T_BIGRAM_LEFT,
        ),
      );
      add(
        mix(
          mix(
            infos[k].lower,
            contextOf(k + 1, (w) => w.lower),
          ),
          T_BIGRAM_RIGHT,
        ),
      );
      if (lexTags) {
        for (let o = -1; o <= 1; o++) {
          const tag = k + o >= 0 && k + o < n ? lexTags[k + o] : undefined;
          if (tag) add(mix(tag.hash, T_LEX[o + 1]));
          if (tag && o === 0) add(tag.withReliability);
        }
      }
      if (this.gazetteer) {
        for (let o = -1; o <= 1; o++) {
          const flags = k + o >= 0 && k + o < n ? infos[k + o].gazetteer : -1;
          add(mix(flags, T_GAZ[o + 1]));
        }
        add(mix(mix(infos[k].gazetteer, hash(infos[k].caseClass)), T_GAZ_CASE));
      }
      if (this.config.cues) {
        for (let o = 1; o <= 3; o++) {
          const cue = k - o >= 0 ? infos[k - o].cue : '';
          if (cue) {
            add(mix(hash(cue), T_CUE_LEFT[o - 1]));
            add(mix(hash(cue), T_CUE_BAG_LEFT));
          }
        }
        for (let o = 1; o <= 2; o++) {
          const cue = k + o < n ? infos[k + o].cue : '';
          if (cue) {
            add(mix(hash(cue), T_CUE_RIGHT[o - 1]));
            add(mix(hash(cue), T_CUE_BAG_RIGHT));
          }
        }
      }
      if (k === 0) add(SENTENCE_START);
      for (const h of infos[k].local) add(h);
      counts[k] = c;
    }
    return { words, length: n, maxFeatures, ids, counts };
  }

  private wordInfo(word: string): WordInfo {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const info = this.computeWordInfo(clipForFeatures(word));
    if (this.cache.size > 200_000) this.cache.clear();
    // Long tokens are not cached: a document of distinct huge tokens would hold them all.
    if (word.length <= MAX_FEATURE_WORD_LENGTH) this.cache.set(word, info);
    return info;
  }

  private computeWordInfo(word: string): WordInfo {
    const lower = word.toLowerCase();
    const shape = wordShape(word);
    const local: string[] = [`shape=${shape}`, `sshape=${shortWordShape(word)}`];
    for (const flag of orthographicFlags(word)) local.push(`f=${flag}`);
    const chars = [...lower];
    for (let p = 1; p <= 4 && p <= chars.length; p++) local.push(`pre=${chars.slice(0, p).join('')}`);
    for (let p = 1; p <= 5 && p <= chars.length; p++) local.push(`suf=${chars.slice(-p).join('')}`);
    const padded = ['<', ...chars, '>'];
    // Opt-in features go first, so that the cap of `maxFeatures` never drops them.
    if (this.config.cues) local.unshift(`ishape=${shortWordShape(lower)}`);
    for (const n of this.config.charNgrams) {
      for (let i = 0; i + n <= padded.length; i++) local.push(`c${n}=${padded.slice(i, i + n).join('')}`);
    }
    const credential = /^(?:RN|NP|MD|RRT|CRT|PA|LPN)$/u.test(word);
    return {
      lower: hash(`w=${lower}`),
      shape: hash(`ss=${shortWordShape(word)}`),
      stem: hash(`st=${stemmers.PorterStemmer.stem(lower)}`),
      gazetteer: this.gazetteer ? this.gazetteer.flagsOf(lower) & (this.config.gazetteerMask ?? -1) : 0,
      caseClass: this.gazetteer ? caseClassOf(word) : '',
      cue: this.config.cues ? (credential ? 'credential' : (CUE_CLASS.get(lower) ?? '')) : '',
      local: Int32Array.from(local, hash),
    };
  }
}

interface LexTag {
  hash: number;
  withReliability: number;
}

function lexiconTags(matches: readonly LexiconMatch[], length: number): (LexTag | undefined)[] {
  const tags = new Array<LexTag | undefined>(length);
  for (const m of matches) {
    const single = m.end - m.start === 1;
    const bucket = reliabilityBucket(m.reliability);
    for (let k = m.start; k < m.end; k++) {
      const position = single ? 'S' : k === m.start ? 'B' : k === m.end - 1 ? 'E' : 'I';
      const name = `${position}-${m.type}`;
      tags[k] = { hash: hash(`lex=${name}`), withReliability: hash(`lexr=${name}|${bucket}`) };
    }
  }
  return tags;
}
