import { expect, inject, it } from 'vitest';
import { withClient } from '../../../src/core/database-admin.js';
import { shareOf, shareOfSql } from '../../../src/harness/run/generator-share.js';

// The context loader keeps a generator's share in SQL, before its LIMIT: the same ids as shareOf().
it('is computed by PostgreSQL as by the harness, id for id', async () => {
  const { rows } = await withClient(inject('adminUrl'), (client) =>
    client.query<{ id: string; share: string }>(
      `SELECT id::text AS id, ${shareOfSql('id', '$1')} AS share FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, 3000)) ids`,
      [7],
    ),
  );
  expect(rows).toHaveLength(3000);
  for (const row of rows)
    expect({ id: row.id, share: Number(row.share) }).toEqual({ id: row.id, share: shareOf(row.id, 7) });
});
