// A least-recently-used map bounded by entry count and by bytes, with a time to live. The inference
// engine keeps model outputs in it (cache level L1); any service may use it for its own recent state,
// e.g. the customer service keeps the last turns of each conversation here. The work is done by the
// `lru-cache` package (issue 19: no hand-written LRU); this class only keeps the small API callers use
// and the injected Clock, so that tests drive TTLs by hand.
import { LRUCache } from 'lru-cache';
import { type Clock, systemClock } from '../engine/clock.js';

export interface LruCacheOptions<V> {
  maxEntries: number;
  /** Bound on the sum of sizeOf(value); needs sizeOf. */
  maxBytes?: number;
  /** Entries older than this (strictly, whole ms) are gone; per-entry ttl in set() overrides it. */
  ttlMs?: number;
  sizeOf?: (value: V) => number;
  clock?: Clock;
}

export class LruCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>> {
  private readonly cache: LRUCache<K, V>;
  private readonly sizeOf?: (value: V) => number;

  constructor(private readonly options: LruCacheOptions<V>) {
    if (!(options.maxEntries >= 1)) throw new Error('LruCache maxEntries must be at least 1');
    if (options.maxBytes !== undefined && !options.sizeOf)
      throw new Error('LruCache maxBytes needs a sizeOf function');
    const clock = options.clock ?? systemClock;
    // lru-cache counts sizes as positive integers: an empty value counts as 1 byte.
    const sizeOf = options.sizeOf;
    this.sizeOf = sizeOf && ((value) => Math.max(1, Math.ceil(sizeOf(value))));
    this.cache = new LRUCache<K, V>({
      max: options.maxEntries,
      ...(options.maxBytes !== undefined ? { maxSize: options.maxBytes } : {}),
      ...(this.sizeOf ? { sizeCalculation: this.sizeOf } : {}),
      ...(options.ttlMs !== undefined ? { ttl: options.ttlMs } : {}),
      // Exact expiry on the injected clock (the default caches now() for 1 ms of real time).
      ttlResolution: 0,
      // +1: lru-cache takes a start time of 0 for "no TTL", and a ManualClock starts at 0.
      perf: { now: () => clock.now() + 1 },
    });
  }

  get size(): number {
    return this.cache.size;
  }

  get bytes(): number {
    return this.cache.calculatedSize;
  }

  get(key: K): V | undefined {
    return this.cache.get(key);
  }

  has(key: K): boolean {
    return this.cache.has(key);
  }

  /** Returns false (and stores nothing) when the value alone is larger than maxBytes. */
  set(key: K, value: V, ttlMs = this.options.ttlMs): boolean {
    const bytes = this.sizeOf?.(value) ?? 0;
    if (this.options.maxBytes !== undefined && bytes > this.options.maxBytes) {
      this.cache.delete(key);
      return false;
    }
    this.cache.set(key, value, {
      ...(ttlMs !== undefined ? { ttl: ttlMs } : {}),
      ...(this.sizeOf ? { size: bytes } : {}),
    });
    return true;
  }

  delete(key: K): boolean {
    return this.cache.delete(key);
  }

  clear(): void {
    this.cache.clear();
  }

  /** Live keys, least recently used first. */
  keys(): K[] {
    return [...this.cache.rkeys()];
  }
}
