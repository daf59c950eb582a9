import { expect, it } from 'vitest';
import { startServiceProcess } from '../../../src/harness/stack/service-process.js';
import { createEmptyDatabase } from '../../helpers/database.js';

const unmigrated = await createEmptyDatabase();

it.each([1, 2])('exits with code 3 and says why when its database has no schema (%i worker(s))', async (workers) => {
  const attempt = startServiceProcess({
    databaseUrl: unmigrated,
    workers,
    tokenSecret: 'server-test-secret-0123456789',
    startTimeoutMs: 30_000,
  });
  await expect(attempt).rejects.toMatchObject({
    code: 'SERVICE_FAILED',
    message: expect.stringMatching(/exited with code 3[\s\S]*run `referral-bench migrate` first/),
  });
});
