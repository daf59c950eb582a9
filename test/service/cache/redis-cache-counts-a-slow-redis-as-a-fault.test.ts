import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import { createCache } from '../../../src/service/cache/create-cache.js';
import { startPrivateRedis, untilCacheWorks } from '../../helpers/redis-server.js';

const redis = await startPrivateRedis();
const admin = new Redis(redis.url);
const faults: unknown[] = [];
const cache = createCache({ redisUrl: redis.url, onFault: (error) => faults.push(error) });
afterAll(async () => {
  await cache.close();
  admin.disconnect();
  await redis.stop();
});

it('gives up on a command Redis does not answer in time and reports it as a fault', async () => {
  await untilCacheWorks(cache);
  await cache.set('k', 'v', 60);
  expect(await cache.get('k')).toBe('v');

  // Redis holds every client's commands for two seconds: alive, but too slow to be worth waiting for.
  await admin.call('CLIENT', 'PAUSE', '2000', 'ALL');
  expect(await cache.get('k')).toBeUndefined();
  expect(faults).toHaveLength(1);
  expect(String(faults[0])).toMatch(/timed out/i);
});
