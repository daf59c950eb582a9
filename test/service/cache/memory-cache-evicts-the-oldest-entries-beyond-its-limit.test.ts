import { expect, it } from 'vitest';
import { MemoryCache } from '../../../src/service/cache/memory-cache.js';

it('keeps at most maxEntries, dropping expired and then the oldest first', async () => {
  let now = 0;
  const cache = new MemoryCache({ maxEntries: 3, now: () => now });
  await cache.set('expires-soon', 'x', 1);
  await cache.set('old', 'o', 60);
  await cache.set('middle', 'm', 60);
  now = 2000;
  await cache.set('new', 'n', 60);
  expect(await cache.get('old')).toBe('o');

  await cache.set('newest', 'N', 60);
  expect(await cache.get('old')).toBeUndefined();
  expect(await cache.get('middle')).toBe('m');
  expect(await cache.get('new')).toBe('n');
  expect(await cache.get('newest')).toBe('N');
});
