// The serving-side twin of libs/ml's HashingVectorizer for the intent model's configuration (lower-
// cased word n-grams + char_wb n-grams, signed hashing, l2 norm): the same sparse vector, bit for bit
// (checked on all of Banking77 and on random text in its spec), without building a string and a UTF-8
// copy per n-gram: each word is encoded once and its n-grams are hashed as byte ranges, and counts
// go to a reused dense table instead of a Map. Featurization is the main-thread part of a prediction.
import { type HashingVectorizerConfig, murmurHash3, type SparseVector } from '@suite/ml';

const TOKEN = /[\p{L}\p{N}_]{2,}/gu;
const WHITE_SPACES = /\s\s+/g;
const encoder = new TextEncoder();

type Accumulate = (bytes: Uint8Array, seed: number) => void;

export class FastHashedFeatures {
  private readonly mask: number;
  private bytes = new Uint8Array(1024);
  private offsets = new Int32Array(512);
  /** Signed counts per hashed index; only `touched` entries are non-zero between calls. */
  private readonly counts: Float64Array;
  private readonly seen: Uint8Array;
  private touched = new Int32Array(1024);
  private touchedCount = 0;

  constructor(private readonly config: HashingVectorizerConfig) {
    if (config.char && config.char.analyzer !== 'char_wb')
      throw new RangeError('FastHashedFeatures supports the char_wb analyser only');
    if (config.bits > 24)
      throw new RangeError('FastHashedFeatures keeps a dense table: at most 2^24 features');
    this.mask = 2 ** config.bits - 1;
    this.counts = new Float64Array(2 ** config.bits);
    this.seen = new Uint8Array(2 ** config.bits);
  }

  /** Same result as `new HashingVectorizer(config).vectorize(text)`. */
  vectorize(text: string): SparseVector {
    const doc = this.config.lowercase ? text.toLowerCase() : text;
    const { word, char } = this.config;
    this.touchedCount = 0;
    const add: Accumulate = (bytes, seed) => this.add(bytes, seed);
    if (word) this.addWordNgrams(doc, word.minN, word.maxN, word.seed, add);
    if (char) this.addCharWbNgrams(doc, char.minN, char.maxN, char.seed, add);

    // Ascending indices, exact zeros (cancelled collisions) dropped, then the table is cleared.
    const order = this.touched.subarray(0, this.touchedCount).sort();
    let nonZero = 0;
    for (let k = 0; k < order.length; k++) if (this.counts[order[k]] !== 0) nonZero++;
    const indices = new Int32Array(nonZero);
    const values = new Float32Array(nonZero);
    let ss = 0;
    let j = 0;
    for (let k = 0; k < order.length; k++) {
      const count = this.counts[order[k]];
      if (count === 0) continue;
      indices[j++] = order[k];
      ss += count * count;
    }
    const norm = this.config.norm === 'l2' && ss > 0 ? Math.sqrt(ss) : 1;
    for (let k = 0; k < nonZero; k++) values[k] = this.counts[indices[k]] / norm;
    for (let k = 0; k < order.length; k++) {
      this.counts[order[k]] = 0;
      this.seen[order[k]] = 0;
    }
    return { indices, values };
  }

  private add(bytes: Uint8Array, seed: number): void {
    const h = murmurHash3(bytes, seed) | 0;
    // As sklearn (and libs/ml): |h| mod 2^bits, sign from the hash's sign; -2^31 special-cased.
    const index = h === -2147483648 ? (2147483647 - this.mask) & this.mask : Math.abs(h) & this.mask;
    if (this.seen[index] === 0) {
      this.seen[index] = 1;
      if (this.touchedCount === this.touched.length) {
        const grown = new Int32Array(this.touched.length * 2);
        grown.set(this.touched);
        this.touched = grown;
      }
      this.touched[this.touchedCount++] = index;
    }
    this.counts[index] += this.config.alternateSign && h < 0 ? -1 : 1;
  }

  /** Tokens joined by one space, n from minN to maxN, hashed from one UTF-8 buffer of the tokens. */
  private addWordNgrams(doc: string, minN: number, maxN: number, seed: number, add: Accumulate): void {
    const tokens = doc.match(TOKEN) ?? [];
    if (tokens.length === 0) return;
    const joined = tokens.join(' ');
    const buffer = this.encode(joined);
    // starts[t] = byte offset of token t; token t ends one byte before starts[t + 1] (the space).
    const starts = new Int32Array(tokens.length + 1);
    let offset = 0;
    tokens.forEach((t, k) => {
      starts[k] = offset;
      offset += encoder.encode(t).length + 1;
    });
    starts[tokens.length] = offset;
    for (let n = minN; n <= Math.min(maxN, tokens.length); n++)
      for (let i = 0; i + n <= tokens.length; i++) add(buffer.subarray(starts[i], starts[i + n] - 1), seed);
  }

  /** sklearn's _char_wb_ngrams: n-grams of " word " by code point; a word no longer than n counts once. */
  private addCharWbNgrams(doc: string, minN: number, maxN: number, seed: number, add: Accumulate): void {
    for (const word of doc.replace(WHITE_SPACES, ' ').split(/\s+/)) {
      if (word === '') continue;
      const padded = ` ${word} `;
      const buffer = this.encode(padded);
      const cut = this.codePointOffsets(padded, buffer.length);
      const length = cut.length - 1;
      for (let n = minN; n <= maxN; n++) {
        let start = 0;
        add(buffer.subarray(0, cut[Math.min(n, length)]), seed);
        while (start + n < length) {
          start++;
          add(buffer.subarray(cut[start], cut[start + n]), seed);
        }
        if (start === 0) break;
      }
    }
  }

  /** UTF-8 bytes of `text` in a reused buffer. */
  private encode(text: string): Uint8Array {
    if (this.bytes.length < text.length * 3) this.bytes = new Uint8Array(text.length * 3);
    const { written } = encoder.encodeInto(text, this.bytes);
    return this.bytes.subarray(0, written);
  }

  /** Byte offset of each code point of `text` (as encoded by `encode`), plus the total length. */
  private codePointOffsets(text: string, totalBytes: number): Int32Array {
    if (this.offsets.length < text.length + 1) this.offsets = new Int32Array(text.length + 1);
    let k = 0;
    let byte = 0;
    for (const ch of text) {
      this.offsets[k++] = byte;
      const cp = ch.codePointAt(0) ?? 0;
      // A lone surrogate is encoded as U+FFFD (3 bytes), as TextEncoder does.
      byte += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
    this.offsets[k] = totalBytes;
    return this.offsets.subarray(0, k + 1);
  }
}
