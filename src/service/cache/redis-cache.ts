/**
 * The Redis cache. Redis is an accelerator, never a dependency: every command has a short
 * timeout and no offline queue, so a Redis that is down or slow costs a request at most that
 * timeout, and the request is then served from the database. ioredis keeps reconnecting in the
 * background; the first command that succeeds again ends the incident.
 */
import { Redis } from 'ioredis';
import type { Cache } from './cache.js';

export interface RedisCacheOptions {
  /** redis:// URL of the server. */
  readonly url: string;
  /** How long one command may take before it counts as a fault. @default 50 */
  readonly commandTimeoutMs?: number;
  /** How long to wait for a TCP connection before counting the attempt as failed. @default 500 */
  readonly connectTimeoutMs?: number;
  /** Longest pause between reconnection attempts while Redis is away. @default 1000 */
  readonly maxReconnectDelayMs?: number;
  /**
   * Called for every operation that failed (so callers can count faults); `firstOfIncident` is
   * true only for the first failure since the cache last worked (so callers log once per incident).
   */
  readonly onFault?: (error: unknown, firstOfIncident: boolean) => void;
  /** Called once when an operation succeeds again after an incident. */
  readonly onRecover?: () => void;
}

/** How many keys one SCAN step asks for while deleting by prefix. */
const scanBatch = 500;

export class RedisCache implements Cache {
  readonly kind = 'redis' as const;
  readonly #client: Redis;
  readonly #onFault: (error: unknown, firstOfIncident: boolean) => void;
  readonly #onRecover: () => void;
  #failing = false;
  /** False until the first connection attempt has succeeded or failed. */
  #settled = false;

  constructor(options: RedisCacheOptions) {
    const maxDelay = options.maxReconnectDelayMs ?? 1000;
    this.#client = new Redis(options.url, {
      commandTimeout: options.commandTimeoutMs ?? 50,
      connectTimeout: options.connectTimeoutMs ?? 500,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt: number) => Math.min(50 * 2 ** attempt, maxDelay),
    });
    // Connection errors surface as failed commands, which are counted there; this listener only
    // keeps ioredis from printing every reconnection attempt.
    this.#client.on('error', () => {
      this.#settled = true;
    });
    this.#client.once('ready', () => {
      this.#settled = true;
    });
    this.#onFault = options.onFault ?? (() => undefined);
    this.#onRecover = options.onRecover ?? (() => undefined);
  }

  async get(key: string): Promise<string | undefined> {
    const value = await this.#run(() => this.#client.get(key));
    return value ?? undefined;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.#run(() => this.#client.set(key, value, 'EX', Math.max(1, Math.ceil(ttlSeconds))));
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.#run(() => this.#client.unlink(...keys));
  }

  async deletePrefix(prefix: string): Promise<void> {
    await this.#run(async () => {
      const pattern = `${escapeGlob(prefix)}*`;
      let cursor = '0';
      do {
        const [next, keys] = await this.#client.scan(cursor, 'MATCH', pattern, 'COUNT', scanBatch);
        if (keys.length > 0) await this.#client.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
    });
  }

  async close(): Promise<void> {
    // QUIT lets pending replies arrive; when Redis is away it fails at once and we just drop the socket.
    await this.#client.quit().catch(() => undefined);
    this.#client.disconnect();
  }

  /** Runs one operation; a failure becomes a miss / no-op and is reported, never thrown. */
  async #run<T>(operation: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await operation();
      if (this.#failing) {
        this.#failing = false;
        this.#onRecover();
      }
      return result;
    } catch (error: unknown) {
      // Commands before the first connection completes are misses, not an incident to report.
      if (!this.#settled) return undefined;
      const first = !this.#failing;
      this.#failing = true;
      this.#onFault(error, first);
      return undefined;
    }
  }
}

/** Escapes Redis glob metacharacters so a prefix matches itself literally. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
