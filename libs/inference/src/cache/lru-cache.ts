// A least-recently-used map bounded by entry count and by bytes, with a time to live. The inference
// engine keeps model outputs in it (cache level L1); any service may use it for its own recent state,
// e.g. the customer service keeps the last turns of each conversation here.
import { type Clock, systemClock } from '../engine/clock.js';

export interface LruCacheOptions<V> {
  maxEntries: number;
  /** Bound on the sum of sizeOf(value); needs sizeOf. */
  maxBytes?: number;
  /** Entries older than this are gone; per-entry ttl in set() overrides it. */
  ttlMs?: number;
  sizeOf?: (value: V) => number;
  clock?: Clock;
}

interface Entry<V> {
  value: V;
  bytes: number;
  expiresAt: number;
}

export class LruCache<K, V> {
  // A Map iterates in insertion order: re-inserting on access keeps the least recent first.
  private readonly entries = new Map<K, Entry<V>>();
  private totalBytes = 0;
  private readonly clock: Clock;

  constructor(private readonly options: LruCacheOptions<V>) {
    if (!(options.maxEntries >= 1)) throw new Error('LruCache maxEntries must be at least 1');
    if (options.maxBytes !== undefined && !options.sizeOf)
      throw new Error('LruCache maxBytes needs a sizeOf function');
    this.clock = options.clock ?? systemClock;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock.now()) {
      this.remove(key, entry);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  has(key: K): boolean {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.clock.now()) this.remove(key, entry);
    return this.entries.has(key);
  }

  /** Returns false (and stores nothing) when the value alone is larger than maxBytes. */
  set(key: K, value: V, ttlMs = this.options.ttlMs): boolean {
    const bytes = this.options.sizeOf?.(value) ?? 0;
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    if (this.options.maxBytes !== undefined && bytes > this.options.maxBytes) return false;
    const expiresAt = ttlMs === undefined ? Infinity : this.clock.now() + ttlMs;
    this.entries.set(key, { value, bytes, expiresAt });
    this.totalBytes += bytes;
    this.evict();
    return true;
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.remove(key, entry);
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }

  /** Live keys, least recently used first. */
  keys(): K[] {
    const now = this.clock.now();
    return [...this.entries].filter(([, e]) => e.expiresAt > now).map(([k]) => k);
  }

  private remove(key: K, entry: Entry<V>): void {
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }

  private evict(): void {
    const maxBytes = this.options.maxBytes ?? Infinity;
    while (this.entries.size > this.options.maxEntries || this.totalBytes > maxBytes) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [K, Entry<V>];
      this.remove(oldestKey, oldest);
    }
  }
}
