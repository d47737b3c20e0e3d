import { ManualClock } from '../engine/clock.js';
import { LruCache } from './lru-cache.js';

describe('LruCache', () => {
  it('evicts the least recently used entry beyond maxEntries', () => {
    const sut = new LruCache<string, number>({ maxEntries: 2 });
    sut.set('a', 1);
    sut.set('b', 2);
    expect(sut.get('a')).toBe(1); // a is now the most recent
    sut.set('c', 3);
    expect(sut.keys()).toEqual(['a', 'c']);
    expect(sut.get('b')).toBeUndefined();
  });

  it('keeps the byte total under maxBytes and refuses a value larger than the bound', () => {
    const sut = new LruCache<string, string>({ maxEntries: 100, maxBytes: 10, sizeOf: (v) => v.length });
    sut.set('a', 'xxxx');
    sut.set('b', 'yyyy');
    sut.set('c', 'zzzz');
    expect(sut.bytes).toBe(8);
    expect(sut.keys()).toEqual(['b', 'c']);
    expect(sut.set('huge', 'x'.repeat(11))).toBe(false);
    expect(sut.has('huge')).toBe(false);
    expect(sut.bytes).toBe(8);
  });

  it('forgets entries after their time to live, on the injected clock', () => {
    const clock = new ManualClock();
    const sut = new LruCache<string, number>({ maxEntries: 10, ttlMs: 100, clock });
    sut.set('a', 1);
    sut.set('b', 2, 1000);
    clock.advance(99);
    expect(sut.get('a')).toBe(1);
    clock.advance(2); // older than its 100 ms (lru-cache keeps an entry whose age equals the ttl)
    expect(sut.get('a')).toBeUndefined();
    expect(sut.get('b')).toBe(2);
    expect(sut.size).toBe(1);
  });

  it('replaces a value under the same key without double counting its bytes', () => {
    const sut = new LruCache<string, string>({ maxEntries: 10, maxBytes: 100, sizeOf: (v) => v.length });
    sut.set('turns', 'ab');
    sut.set('turns', 'abcdef');
    expect(sut.bytes).toBe(6);
    expect(sut.delete('turns')).toBe(true);
    expect(sut.bytes).toBe(0);
  });

  it('rejects a bytes bound without a way to measure values', () => {
    expect(() => new LruCache<string, string>({ maxEntries: 1, maxBytes: 1 })).toThrow(/sizeOf/);
  });
});
