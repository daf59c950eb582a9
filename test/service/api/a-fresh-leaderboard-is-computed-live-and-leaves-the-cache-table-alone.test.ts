import { expect, it } from 'vitest';
import { adminAuth, startApi } from './api-harness.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';

// ?fresh=true is the uncached timing of the leaderboard (the data-volume scenario's): the same
// entries as the cached read, computed from the rankings, and no cache row written or read.
it('answers ?fresh=true with the live leaderboard, the same entries as the cached one, without touching the cache table', async () => {
  const { app, db } = await startApi('optimized');
  const org = await createOrganization(db.pool);
  const students = [await createStudent(db.pool, org.id), await createStudent(db.pool, org.id)];
  for (const student of students) await createReferral(db.pool, student);
  const read = async (query: string) =>
    app.inject({ method: 'GET', url: `/leaderboard${query}`, headers: adminAuth(org.id) });
  const cacheRows = async () =>
    Number(
      (
        await db.pool.query<{ n: string }>(
          'SELECT count(*) AS n FROM referral_leaderboard_cache WHERE organization_id = $1',
          [org.id],
        )
      ).rows[0]?.n,
    );

  const fresh = await read('?fresh=true');
  expect(fresh.statusCode).toBe(200);
  expect(fresh.json().source).toBe('live');
  expect(await cacheRows()).toBe(0);

  const computed = await read('');
  expect(computed.json().source).toBe('computed');
  const cachedRows = await cacheRows();
  expect(cachedRows).toBeGreaterThan(0);
  expect((await read('')).json().source).toBe('cache');
  const again = await read('?fresh=true');
  expect(again.json().source).toBe('live');
  expect(again.json().entries).toEqual(computed.json().entries);
  expect(await cacheRows()).toBe(cachedRows);

  expect((await read('?fresh=maybe')).statusCode).toBe(400);
});
