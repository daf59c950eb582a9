import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, uniqueDatabaseName, withDatabase } from '../../src/core/database-admin.js';
import { databaseChecksum } from '../../seed/checksum.js';
import { ensureSeededDatabase, templateName } from '../../seed/seed-template.js';

async function readBack(url: string): Promise<string> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await databaseChecksum(client);
  } finally {
    await client.end();
  }
}

describe('a seeded template', () => {
  const adminUrl = inject('adminUrl');
  // a seed no other test uses, so this file owns the template
  const seed = 424_242;
  const targets = [uniqueDatabaseName('rb_test_clone'), uniqueDatabaseName('rb_test_clone')];
  afterAll(async () => {
    for (const name of [...targets, templateName('optimized', 600, seed)]) await dropDatabase(adminUrl, name);
  });

  it('is built once, then cloned: every clone holds the same rows under the same checksum', async () => {
    const first = await ensureSeededDatabase({
      adminUrl,
      targetName: targets[0]!,
      referrals: 600,
      seed,
      variant: 'optimized',
    });
    const second = await ensureSeededDatabase({
      adminUrl,
      targetName: targets[1]!,
      referrals: 600,
      seed,
      variant: 'optimized',
    });

    expect(first.source).toBe('generated');
    expect(second.source).toBe('template');
    expect(second.template).toBe(templateName('optimized', 600, seed));
    expect(second.checksum).toBe(first.checksum);
    const template = await readBack(withDatabase(adminUrl, second.template!));
    expect(await readBack(withDatabase(adminUrl, targets[0]!))).toBe(template);
    expect(await readBack(withDatabase(adminUrl, targets[1]!))).toBe(template);
  });
});
