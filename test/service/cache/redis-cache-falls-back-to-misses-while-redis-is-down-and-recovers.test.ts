import { afterAll, expect, it } from 'vitest';
import { createCache } from '../../../src/service/cache/create-cache.js';
import { startPrivateRedis, untilCacheWorks } from '../../helpers/redis-server.js';

const redis = await startPrivateRedis();
const faults: boolean[] = [];
let recoveries = 0;
const cache = createCache({
  redisUrl: redis.url,
  onFault: (_error, firstOfIncident) => faults.push(firstOfIncident),
  onRecover: () => {
    recoveries += 1;
  },
});
afterAll(async () => {
  await cache.close();
  await redis.stop();
});

it('answers misses and no-ops without throwing while Redis is down, reports one incident, then uses Redis again', async () => {
  await untilCacheWorks(cache);
  await cache.set('k', 'before', 60);
  expect(await cache.get('k')).toBe('before');
  expect(faults).toEqual([]);

  await redis.stop();
  expect(await cache.get('k')).toBeUndefined();
  await expect(cache.set('k', 'during', 60)).resolves.toBeUndefined();
  await expect(cache.delete('k')).resolves.toBeUndefined();
  await expect(cache.deletePrefix('k')).resolves.toBeUndefined();
  expect(faults).toEqual([true, false, false, false]);
  expect(recoveries).toBe(0);

  await redis.start();
  await expect
    .poll(
      async () => {
        await cache.set('k', 'after', 60);
        return cache.get('k');
      },
      { timeout: 10_000, interval: 200 },
    )
    .toBe('after');
  expect(recoveries).toBe(1);
  expect(faults.filter((first) => first)).toHaveLength(1);
});
