import { describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../../helpers/database.js';
import { withClient } from '../../../src/core/database-admin.js';
import { migrate, migrationsFor } from '../../../src/service/db/migrator.js';

const urls = { optimized: await createEmptyDatabase(), baseline: await createEmptyDatabase() };

describe.each(['optimized', 'baseline'] as const)('migrate (%s)', (variant) => {
  it('applies every migration of the variant once, then nothing on a second run', async () => {
    const versions = migrationsFor(variant).map((m) => m.version);
    await withClient(urls[variant], async (client) => {
      const first = await migrate(client, variant);
      expect(first).toMatchObject({ applied: versions, skipped: [], currentVersion: Math.max(...versions) });
      const schema = async () =>
        (
          await client.query(
            `SELECT count(*)::integer AS relations FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'`,
          )
        ).rows[0];
      const before = await schema();

      const second = await migrate(client, variant);
      expect(second).toMatchObject({ applied: [], skipped: versions, currentVersion: first.currentVersion });
      expect(await schema()).toEqual(before);
      const { rows } = await client.query<{ version: number }>(
        'SELECT version FROM referral_bench_migrations ORDER BY version',
      );
      expect(rows.map((r) => r.version)).toEqual(versions);
    });
  });
});
