import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cache } from '../../../src/service/cache/cache.js';
import { createCache } from '../../../src/service/cache/create-cache.js';
import { startPrivateRedis, untilCacheWorks } from '../../helpers/redis-server.js';

const redis = await startPrivateRedis();
const caches: Cache[] = [createCache({}), createCache({ redisUrl: redis.url })];
beforeAll(() => untilCacheWorks(caches[1]!));
afterAll(async () => {
  for (const cache of caches) await cache.close();
  await redis.stop();
});

describe.each(caches.map((cache) => [cache.kind, cache] as const))('%s cache', (_kind, cache) => {
  it('stores, expires, deletes keys and deletes by prefix', async () => {
    await cache.set('org:a:analytics', 'A', 300);
    await cache.set('org:a:leaderboard', 'L', 300);
    await cache.set('org:b:analytics', 'B', 300);
    await cache.set('org:a*:literal', 'glob characters are not patterns', 300);
    await cache.set('short', 'S', 1);

    expect(await cache.get('org:a:analytics')).toBe('A');
    expect(await cache.get('missing')).toBeUndefined();

    await cache.deletePrefix('org:a:');
    expect(await cache.get('org:a:analytics')).toBeUndefined();
    expect(await cache.get('org:a:leaderboard')).toBeUndefined();
    expect(await cache.get('org:b:analytics')).toBe('B');
    expect(await cache.get('org:a*:literal')).toBe('glob characters are not patterns');

    await cache.delete('org:b:analytics', 'never-set');
    expect(await cache.get('org:b:analytics')).toBeUndefined();

    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await cache.get('short')).toBeUndefined();
  });
});
