/**
 * The cache the service's cache-aside reads go through: Redis when configured, otherwise an
 * in-process store with the same contract (TTL in seconds, delete by key or prefix).
 * Implementations never throw from get/set/delete: a failing backend counts as a miss / no-op,
 * is reported through `onFault`, and the request is served from the database.
 */
export interface Cache {
  /** Which backend this is; the report says which one a run used. */
  readonly kind: 'redis' | 'memory';
  /** The cached value, or undefined on a miss (or when the backend is failing). */
  get(key: string): Promise<string | undefined>;
  /** Stores a value for ttlSeconds. */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Deletes exact keys. */
  delete(...keys: string[]): Promise<void>;
  /** Deletes every key starting with prefix (invalidation of an organization's entries). */
  deletePrefix(prefix: string): Promise<void>;
  /** Releases connections and timers. */
  close(): Promise<void>;
}

/** Names of the service's caches, used as the `cache` label in metrics. */
export type CacheName = 'analytics' | 'leaderboard' | 'profile';
