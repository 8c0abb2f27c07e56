/**
 * Every in-process cache of the app, bounded by bytes (decision 012). A cache with a cap on entries but
 * not on bytes grows with whatever one entry can hold (issue 16, H1: 3,000 pages of 1.86 MB each), so
 * each cache here states its byte budget and the largest entry it keeps, and sizes an entry once, when it
 * is stored: a hit costs a map lookup, never a measurement. The caches register themselves, so
 * `/metrics` reports hits, misses, bytes and entries of every one of them.
 */
import { LRUCache } from 'lru-cache';

export interface BoundedCacheOptions<K, V> {
  /** Shown on `/metrics` as the `cache` label. */
  name: string;
  /** The most the entries may add up to; the least recently used go first. */
  maxBytes: number;
  /** Entries larger than this are not kept at all (counted as refused). */
  maxEntryBytes: number;
  /** An entry's size in bytes, computed when it is stored (keys included: they are memory too). */
  sizeOf: (value: V, key: K) => number;
}

export interface CacheCounts {
  name: string;
  hits: number;
  misses: number;
  /** Entries not kept because they were larger than `maxEntryBytes`. */
  refused: number;
  bytes: number;
  entries: number;
  maxBytes: number;
}

/** Bytes a JS string key or value takes at most (UTF-16), plus a little for the map's own bookkeeping. */
export const stringBytes = (text: string): number => 2 * text.length;
/** What lru-cache and the map spend per entry beyond the key and value, roughly. */
export const ENTRY_OVERHEAD_BYTES = 64;

/** What `/metrics` reads of a cache. */
export interface CountedCache {
  readonly name: string;
  counts(): CacheCounts;
}

const registry: CountedCache[] = [];

export class BoundedCache<K extends {}, V extends {}> implements CountedCache {
  readonly name: string;
  readonly maxBytes: number;
  readonly maxEntryBytes: number;
  private readonly lru: LRUCache<K, V>;
  private readonly sizeOf: (value: V, key: K) => number;
  private hits = 0;
  private misses = 0;
  private refused = 0;

  constructor(options: BoundedCacheOptions<K, V>) {
    if (registry.some((c) => c.name === options.name))
      throw new Error(`Two caches are named "${options.name}"`);
    this.name = options.name;
    this.maxBytes = options.maxBytes;
    this.maxEntryBytes = Math.min(options.maxEntryBytes, options.maxBytes);
    this.sizeOf = options.sizeOf;
    // The size is passed to every `set`, so lru-cache never calls a size function of its own.
    this.lru = new LRUCache<K, V>({ maxSize: options.maxBytes, maxEntrySize: this.maxEntryBytes });
    registry.push(this);
  }

  get(key: K): V | undefined {
    const value = this.lru.get(key);
    if (value === undefined) this.misses += 1;
    else this.hits += 1;
    return value;
  }

  /** Looks without counting a hit or a miss, and without making the entry recently used. */
  peek(key: K): V | undefined {
    return this.lru.peek(key);
  }

  /** Keeps `value` unless it is larger than an entry may be; returns whether it was kept. */
  set(key: K, value: V): boolean {
    const size = Math.max(1, Math.ceil(this.sizeOf(value, key)));
    if (size > this.maxEntryBytes) {
      this.refused += 1;
      this.lru.delete(key);
      return false;
    }
    this.lru.set(key, value, { size });
    return true;
  }

  /** Counts an entry its owner chose not to store (a page over the size a personal page may have). */
  refuse(): void {
    this.refused += 1;
  }

  delete(key: K): void {
    this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }

  counts(): CacheCounts {
    return {
      name: this.name,
      hits: this.hits,
      misses: this.misses,
      refused: this.refused,
      bytes: this.lru.calculatedSize,
      entries: this.lru.size,
      maxBytes: this.maxBytes,
    };
  }
}

/** Every cache this process has made, for `/metrics` and the tests. */
export function allCaches(): readonly CountedCache[] {
  return registry;
}
