import { expect, it } from 'vitest';
import { startServiceProcess } from '../../../src/harness/stack/service-process.js';
import { createTestDatabase } from '../../helpers/database.js';

const db = await createTestDatabase();

it('answers /health once started, then exits with code 0 on SIGTERM and stops listening', async () => {
  const service = await startServiceProcess({ databaseUrl: db.url, tokenSecret: 'server-test-secret-0123456789' });
  const health = await fetch(`${service.url}/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok', database: 'up', cache: 'memory' });

  expect(await service.stop()).toBe(0);
  await expect(fetch(`${service.url}/health`)).rejects.toThrow();
});
