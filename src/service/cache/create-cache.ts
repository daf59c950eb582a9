/** Picks the cache backend from configuration: Redis when a URL is given, otherwise in-process. */
import type { Cache } from './cache.js';
import { MemoryCache } from './memory-cache.js';
import { RedisCache } from './redis-cache.js';

export interface CreateCacheOptions {
  /** redis:// URL; without it the cache lives in this process. */
  readonly redisUrl?: string;
  /**
   * A Redis operation failed and was served as a miss / no-op. Called for every failed operation
   * (count it); `firstOfIncident` is true for the first failure since the cache last worked (log it).
   */
  readonly onFault?: (error: unknown, firstOfIncident: boolean) => void;
  /** Redis works again after an incident; called once per incident. */
  readonly onRecover?: () => void;
}

/** Creates the service's cache; the in-process one never faults. */
export function createCache(options: CreateCacheOptions): Cache {
  if (!options.redisUrl) return new MemoryCache();
  return new RedisCache({ url: options.redisUrl, onFault: options.onFault, onRecover: options.onRecover });
}
