import { murmurHash3, murmurHash3Signed } from './murmur-hash3.js';

describe('MurmurHash3 x86_32', () => {
  it('matches scikit-learn murmurhash3_32 test values', () => {
    expect(murmurHash3Signed('foo', 0)).toBe(-156908512);
    expect(murmurHash3Signed('foo', 42)).toBe(-1322301282);
    expect(murmurHash3(new TextEncoder().encode('foo'), 0)).toBe(4138058784);
  });

  it('matches the SMHasher reference vectors', () => {
    const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(murmurHash3(enc(''), 0)).toBe(0);
    expect(murmurHash3(enc(''), 1)).toBe(0x514e28b7);
    expect(murmurHash3(enc('test'), 0)).toBe(0xba6bd213);
    expect(murmurHash3(enc('Hello, world!'), 1234)).toBe(0xfaf6cdb3);
    expect(murmurHash3(enc('The quick brown fox jumps over the lazy dog'), 0)).toBe(0x2e4ff723);
  });

  it('hashes the UTF-8 bytes of non-ASCII text', () => {
    expect(murmurHash3Signed('día', 0)).toBe(-1297501899);
    expect(murmurHash3Signed('x'.repeat(500), 3)).toBe(
      murmurHash3(new TextEncoder().encode('x'.repeat(500)), 3) | 0,
    );
  });
});
