import { expect, it } from 'vitest';
import { startServiceProcess } from '../../../src/harness/stack/service-process.js';
import { mintToken } from '../../../src/harness/commands/token.command.js';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';

const db = await createTestDatabase();
const tokenSecret = 'server-test-secret-0123456789';

it('serves the same profile with referral data by default and without it under --no-referrals', async () => {
  const org = await createOrganization(db.pool);
  const student = await createStudent(db.pool, org.id);
  await createReferral(db.pool, student);
  const headers = { authorization: `Bearer ${mintToken({ org: org.id, role: 'admin', expiresIn: 60, tokenSecret })}` };

  const profileFrom = async (referrals: boolean) => {
    const service = await startServiceProcess({ databaseUrl: db.url, tokenSecret, referrals });
    try {
      const response = await fetch(`${service.url}/students/${student.id}/profile`, { headers });
      expect(response.status).toBe(200);
      return (await response.json()) as Record<string, unknown>;
    } finally {
      await service.stop();
    }
  };

  expect(await profileFrom(true)).toHaveProperty('referrals');
  expect(await profileFrom(false)).not.toHaveProperty('referrals');
});
