import { randomBytes } from 'node:crypto';
import { expect, inject, test } from 'vitest';
import { settleWrites, withClient } from '../../src/core/database-admin.js';
import { createTestDatabase } from '../helpers/database.js';

test('a role that may not CHECKPOINT is told why, not thrown at', async () => {
  const { url, pool } = await createTestDatabase();
  const role = `rb_no_checkpoint_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await pool.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' NOSUPERUSER`);
  try {
    const asRole = new URL(url);
    asRole.username = role;
    asRole.password = password;
    const settled = await withClient(asRole.toString(), settleWrites);
    expect(settled).toMatchObject({ settled: false, why: expect.stringMatching(/CHECKPOINT/i) });
  } finally {
    await withClient(inject('adminUrl'), (admin) => admin.query(`DROP ROLE ${role}`));
  }
});
