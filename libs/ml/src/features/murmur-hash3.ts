// MurmurHash3 x86 32-bit (Austin Appleby, SMHasher, public domain), the hash behind scikit-learn's
// HashingVectorizer (sklearn.utils.murmurhash3_32), so hashed features match it bit for bit.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** Unsigned 32-bit MurmurHash3 of bytes. */
export function murmurHash3(bytes: Uint8Array, seed = 0): number {
  let h = seed >>> 0;
  const n = bytes.length;
  const blocks = n & ~3;
  for (let i = 0; i < blocks; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = n & 3;
  if (tail > 0) {
    let k = 0;
    if (tail === 3) k ^= bytes[blocks + 2] << 16;
    if (tail >= 2) k ^= bytes[blocks + 1] << 8;
    k ^= bytes[blocks];
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
  }
  h ^= n;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const encoder = new TextEncoder();
let scratch = new Uint8Array(256);

/** MurmurHash3 of a string's UTF-8 bytes, as a signed 32-bit integer (sklearn's murmurhash3_32). */
export function murmurHash3Signed(text: string, seed = 0): number {
  // encodeInto a reused buffer avoids one allocation per n-gram; UTF-8 needs at most 3 bytes per unit.
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, scratch);
  return murmurHash3(scratch.subarray(0, written), seed) | 0;
}
