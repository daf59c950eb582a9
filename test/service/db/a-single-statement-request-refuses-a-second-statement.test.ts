import { expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization } from '../../helpers/fixtures.js';
import { createOneConnectionPool } from './service-pool.js';

const { url, pool: admin } = await createTestDatabase('optimized');

it('refuses the second statement of work declared as one statement, which has already committed, and runs no second statement', async () => {
  const db = createOneConnectionPool(url);
  const org = await createOrganization(admin);
  const marker = (n: number) => `refused-second-${n}-${org.id}`;
  const insert = (n: number) => ({
    text: `INSERT INTO referral_leaderboard_cache VALUES ($1, $2, '[]', now() + interval '1 hour')`,
    values: [org.id, marker(n)],
  });

  await expect(
    db.withOrganization(
      org.id,
      async (tx) => {
        await tx.query(insert(1));
        await tx.query(insert(2));
      },
      { singleStatement: true },
    ),
  ).rejects.toThrow(/second statement/);

  const { rows } = await admin.query<{ cache_key: string }>(
    'SELECT cache_key FROM referral_leaderboard_cache WHERE organization_id = $1',
    [org.id],
  );
  expect(rows.map((row) => row.cache_key)).toEqual([marker(1)]);
});
