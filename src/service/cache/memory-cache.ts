/** The in-process cache used when no Redis is configured: the same TTL and invalidation contract. */
import type { Cache } from './cache.js';

interface Entry {
  readonly value: string;
  readonly expiresAt: number;
}

export interface MemoryCacheOptions {
  /**
   * Most entries kept; past it the oldest are evicted first, so a flood of distinct keys cannot
   * grow the process without bound.
   * @default 10000
   */
  readonly maxEntries?: number;
  /** Clock in milliseconds, replaceable so expiry can be tested without waiting. @default Date.now */
  readonly now?: () => number;
}

/** A Map with per-entry expiry; insertion order doubles as eviction order. */
export class MemoryCache implements Cache {
  readonly kind = 'memory' as const;
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: MemoryCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  async get(key: string): Promise<string | undefined> {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    // Re-inserting moves the key to the end, so eviction stays oldest-written first.
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlSeconds * 1000 });
    if (this.#entries.size > this.#maxEntries) this.#evict();
  }

  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.#entries.delete(key);
  }

  async deletePrefix(prefix: string): Promise<void> {
    for (const key of this.#entries.keys()) {
      if (key.startsWith(prefix)) this.#entries.delete(key);
    }
  }

  async close(): Promise<void> {
    this.#entries.clear();
  }

  /** Drops expired entries, then the oldest until back under the limit. */
  #evict(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(key);
    }
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) break;
      this.#entries.delete(key);
    }
  }
}
