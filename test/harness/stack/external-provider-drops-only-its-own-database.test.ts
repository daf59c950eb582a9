import { describe, expect, inject, it } from 'vitest';
import { createEmptyDatabase } from '../../helpers/database.js';
import { databaseName, withClient } from '../../../src/core/database-admin.js';
import { ExternalProvider } from '../../../src/harness/stack/external-provider.js';

const adminUrl = inject('adminUrl');
// Someone else's database on the same server, with data in it.
const neighbour = await createEmptyDatabase();

async function databaseExists(name: string): Promise<boolean> {
  return withClient(
    adminUrl,
    async (client) => (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rows.length === 1,
  );
}

describe('the external provider', () => {
  it('creates a database of its own on the server and drops only that one', async () => {
    await withClient(neighbour, (client) => client.query('CREATE TABLE kept AS SELECT 42 AS answer'));

    const provider = new ExternalProvider({ databaseUrl: adminUrl });
    const urls = await provider.up();
    const own = databaseName(urls.databaseUrl);
    try {
      expect(own).not.toBe(databaseName(adminUrl));
      expect(own).not.toBe(databaseName(neighbour));
      expect(await databaseExists(own)).toBe(true);
      expect(urls.adminUrl).toBe(adminUrl);
    } finally {
      await provider.down();
    }

    expect(await databaseExists(own)).toBe(false);
    expect(await databaseExists(databaseName(adminUrl))).toBe(true);
    const { rows } = await withClient(neighbour, (client) => client.query('SELECT answer FROM kept'));
    expect(rows).toEqual([{ answer: 42 }]);
  });
});
