// Signed feature hashing of word and character n-grams into a fixed 2^bits space, following
// scikit-learn's HashingVectorizer (Weinberger et al. 2009, "Feature hashing for large scale
// multitask learning"): index = |h| mod 2^bits, sign = sign of h (its top bit, independent of the
// low bits that pick the index), collisions summed, optional l2 normalisation.
import { z } from 'zod';
import { murmurHash3Signed } from './murmur-hash3.js';
import type { SparseVector } from './sparse-vector.js';

const ngramBounds = { minN: z.number().int().min(1).max(64), maxN: z.number().int().min(1).max(64) };
const orderedRange = (r: { minN: number; maxN: number }): boolean => r.minN <= r.maxN;

export const hashingVectorizerConfigSchema = z
  .object({
    /** Hash space size is 2^bits. */
    bits: z.number().int().min(1).max(30),
    lowercase: z.boolean().default(true),
    alternateSign: z.boolean().default(true),
    norm: z.enum(['l2', 'none']).default('l2'),
    /** Word n-grams over tokens of 2+ word characters (sklearn's default token_pattern). */
    word: z
      .object({ ...ngramBounds, seed: z.number().int().default(0) })
      .refine(orderedRange, { message: 'minN must be <= maxN' })
      .optional(),
    /**
     * Character n-grams: 'char' over the whole text, 'char_wb' within space-padded words. With both
     * analysers on, give them different seeds unless a word and an equal char n-gram should share a slot.
     */
    char: z
      .object({
        ...ngramBounds,
        analyzer: z.enum(['char', 'char_wb']).default('char_wb'),
        seed: z.number().int().default(0),
      })
      .refine(orderedRange, { message: 'minN must be <= maxN' })
      .optional(),
  })
  .refine((c) => c.word !== undefined || c.char !== undefined, { message: 'enable word or char n-grams' });

export type HashingVectorizerConfig = z.output<typeof hashingVectorizerConfigSchema>;
export type HashingVectorizerOptions = z.input<typeof hashingVectorizerConfigSchema>;

const TOKEN = /[\p{L}\p{N}_]{2,}/gu;
const WHITE_SPACES = /\s\s+/g;

/** Word n-grams joined by single spaces; unigrams first, as sklearn's _word_ngrams. */
export function wordNgrams(tokens: readonly string[], minN: number, maxN: number): string[] {
  const out: string[] = [];
  for (let n = minN; n <= Math.min(maxN, tokens.length); n++) {
    for (let i = 0; i + n <= tokens.length; i++)
      out.push(n === 1 ? tokens[i] : tokens.slice(i, i + n).join(' '));
  }
  return out;
}

/** Character n-grams of the whole text, by code point (sklearn's _char_ngrams). */
export function charNgrams(text: string, minN: number, maxN: number): string[] {
  const chars = Array.from(text.replace(WHITE_SPACES, ' '));
  const out: string[] = [];
  for (let n = minN; n <= Math.min(maxN, chars.length); n++) {
    for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
  }
  return out;
}

/** Character n-grams inside " word " (sklearn's _char_wb_ngrams); a short word counts once. */
export function charWordBoundaryNgrams(text: string, minN: number, maxN: number): string[] {
  const out: string[] = [];
  for (const word of text.replace(WHITE_SPACES, ' ').split(/\s+/)) {
    if (word === '') continue;
    const w = Array.from(` ${word} `);
    for (let n = minN; n <= maxN; n++) {
      let offset = 0;
      out.push(w.slice(0, n).join(''));
      while (offset + n < w.length) {
        offset++;
        out.push(w.slice(offset, offset + n).join(''));
      }
      if (offset === 0) break;
    }
  }
  return out;
}

export class HashingVectorizer {
  readonly config: HashingVectorizerConfig;
  readonly dimension: number;

  constructor(options: HashingVectorizerOptions) {
    this.config = hashingVectorizerConfigSchema.parse(options);
    this.dimension = 2 ** this.config.bits;
  }

  /** The n-grams of a text, per analyser, before hashing. */
  ngrams(text: string): { word: string[]; char: string[] } {
    const doc = this.config.lowercase ? text.toLowerCase() : text;
    const { word, char } = this.config;
    return {
      word: word ? wordNgrams(doc.match(TOKEN) ?? [], word.minN, word.maxN) : [],
      char: !char
        ? []
        : char.analyzer === 'char'
          ? charNgrams(doc, char.minN, char.maxN)
          : charWordBoundaryNgrams(doc, char.minN, char.maxN),
    };
  }

  /** Sparse vector with ascending unique indices; exact zeros (cancelled collisions) are dropped. */
  vectorize(text: string): SparseVector {
    const { word, char } = this.ngrams(text);
    const acc = new Map<number, number>();
    this.accumulate(acc, word, this.config.word?.seed ?? 0);
    this.accumulate(acc, char, this.config.char?.seed ?? 0);
    const indices = [...acc.keys()].filter((i) => acc.get(i) !== 0).sort((a, b) => a - b);
    const values = new Float32Array(indices.length);
    let norm = 1;
    if (this.config.norm === 'l2') {
      let ss = 0;
      for (const i of indices) ss += (acc.get(i) ?? 0) ** 2;
      norm = ss > 0 ? Math.sqrt(ss) : 1;
    }
    indices.forEach((i, k) => (values[k] = (acc.get(i) ?? 0) / norm));
    return { indices: Int32Array.from(indices), values };
  }

  private accumulate(acc: Map<number, number>, features: readonly string[], seed: number): void {
    const mask = this.dimension - 1;
    for (const f of features) {
      const h = murmurHash3Signed(f, seed);
      // sklearn special-cases h = -2^31, whose absolute value does not fit an int32.
      const index = h === -2147483648 ? (2147483647 - mask) & mask : Math.abs(h) & mask;
      const sign = this.config.alternateSign && h < 0 ? -1 : 1;
      acc.set(index, (acc.get(index) ?? 0) + sign);
    }
  }

  toJSON(): HashingVectorizerConfig {
    return structuredClone(this.config);
  }

  static fromJSON(json: unknown): HashingVectorizer {
    return new HashingVectorizer(hashingVectorizerConfigSchema.parse(json));
  }
}
