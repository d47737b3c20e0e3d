// Default per-token features for IOB sequence tagging, the classic CoNLL/biomedical NER set (as in
// Ratinov & Roth 2009 and CRFsuite's NER example): the lowercased word, its shape, prefixes and
// suffixes of 1-4 characters, digit/hyphen/case flags and the words at -2..+2, each hashed (MurmurHash3,
// Weinberger et al. 2009) into 2^bits slots. Collisions add up; values are 1 per feature.
import { murmurHash3Signed } from '../../features/murmur-hash3.js';
import type { SparseVector } from '../../features/sparse-vector.js';

export interface TokenFeatureOptions {
  /** Hash space is 2^bits (18 to 20 is usual). */
  bits: number;
  /** Hash seed, so that two extractors can be kept apart. */
  seed?: number;
}

/** `IL-2` -> `XX-d`, `Aspirin` -> `Xxxxxxx`, capped at 8 characters then collapsed (`Xx*`). */
export function tokenShape(word: string): string {
  let shape = '';
  for (const ch of word) {
    if (shape.length >= 8) return `${shape}*`;
    if (/\p{Lu}/u.test(ch)) shape += 'X';
    else if (/\p{L}/u.test(ch)) shape += 'x';
    else if (/\p{N}/u.test(ch)) shape += 'd';
    else shape += ch;
  }
  return shape;
}

/** Feature names of token i, before hashing (exposed for inspection and tests). */
export function tokenFeatureNames(tokens: readonly string[], i: number): string[] {
  const word = tokens[i];
  const lower = word.toLowerCase();
  const chars = Array.from(lower);
  const names = ['bias', `w=${lower}`, `shape=${tokenShape(word)}`];
  for (let n = 1; n <= 4 && n <= chars.length; n++) {
    names.push(`p${n}=${chars.slice(0, n).join('')}`);
    names.push(`s${n}=${chars.slice(-n).join('')}`);
  }
  if (/\p{N}/u.test(word)) names.push('has-digit');
  if (word.includes('-')) names.push('has-hyphen');
  if (/\p{Lu}/u.test(word)) names.push(/^\p{Lu}+$/u.test(word) ? 'all-upper' : /^\p{Lu}/u.test(word) ? 'init-upper' : 'has-upper');
  for (const offset of [-2, -1, 1, 2]) {
    const j = i + offset;
    const neighbour = j < 0 ? '<s>' : j >= tokens.length ? '</s>' : tokens[j].toLowerCase();
    names.push(`w${offset > 0 ? '+' : ''}${offset}=${neighbour}`);
  }
  return names;
}

/** Hashes feature names into a sparse vector (ascending unique indices, counts as values). */
export function hashFeatureNames(names: readonly string[], bits: number, seed = 0): SparseVector {
  const mask = 2 ** bits - 1;
  const raw = Int32Array.from(names, (name) => (murmurHash3Signed(name, seed) >>> 0) & mask).sort();
  let unique = 0;
  for (let k = 0; k < raw.length; k++) if (k === 0 || raw[k] !== raw[k - 1]) unique++;
  const indices = new Int32Array(unique);
  const values = new Float32Array(unique);
  let u = -1;
  for (let k = 0; k < raw.length; k++) {
    if (k === 0 || raw[k] !== raw[k - 1]) indices[++u] = raw[k];
    values[u] += 1;
  }
  return { indices, values };
}

export class TokenFeatureExtractor {
  readonly dimension: number;

  constructor(readonly options: TokenFeatureOptions) {
    if (!(Number.isInteger(options.bits) && options.bits >= 4 && options.bits <= 24))
      throw new RangeError(`bits must be an integer in [4, 24], got ${options.bits}`);
    this.dimension = 2 ** options.bits;
  }

  /** One hashed feature vector per token of a sentence. */
  extractSentenceFeatures(tokens: readonly string[]): SparseVector[] {
    return tokens.map((_, i) => hashFeatureNames(tokenFeatureNames(tokens, i), this.options.bits, this.options.seed ?? 0));
  }
}
