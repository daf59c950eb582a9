import { afterAll, expect, it } from 'vitest';
import { buildApp } from '../../../src/service/app.js';
import { createTokenCodec } from '../../../src/service/auth/token-codec.js';
import { resolveServiceConfig } from '../../../src/service/config.js';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization } from '../../helpers/fixtures.js';
import { startPrivateRedis } from '../../helpers/redis-server.js';

const secret = 'redis-fault-secret-0123456789';
const db = await createTestDatabase();
const redis = await startPrivateRedis();
const app = await buildApp(
  resolveServiceConfig({
    databaseUrl: db.url,
    redisUrl: redis.url,
    tokenSecret: secret,
    logLevel: 'silent',
    pool: { min: 0 },
  }),
);
afterAll(async () => {
  await app.close();
  await redis.stop();
});

const org = await createOrganization(db.pool);
const headers = {
  authorization: `Bearer ${createTokenCodec(secret).sign({ organizationId: org.id, role: 'admin', studentId: undefined }, 600)}`,
};
const dashboard = () => app.inject({ method: 'GET', url: '/admin/analytics/dashboard', headers });
async function counter(name: string): Promise<number> {
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{cache="analytics"}`));
  return Number(line?.split(' ')[1] ?? Number.NaN);
}

it('answers 200 from the database while Redis is stopped, counts the faults, and uses Redis again once it is back', async () => {
  // Redis is connected once a miss has been stored and then served as a hit.
  await expect
    .poll(
      async () => {
        await dashboard();
        return (await dashboard()).headers['x-cache'];
      },
      { timeout: 10_000, interval: 100 },
    )
    .toBe('hit');
  const healthy = await dashboard();
  expect(healthy.statusCode).toBe(200);

  await redis.stop();
  const faultsBefore = await counter('referral_service_cache_faults_total');
  const during = await dashboard();
  expect(during.statusCode).toBe(200);
  expect(during.headers['x-cache']).toBe('miss');
  expect({ ...during.json(), generatedAt: undefined }).toEqual({ ...healthy.json(), generatedAt: undefined });
  expect(await counter('referral_service_cache_faults_total')).toBeGreaterThan(faultsBefore);

  await redis.start();
  const hitsBefore = await counter('referral_service_cache_hits_total');
  await expect
    .poll(
      async () => {
        await dashboard();
        return (await dashboard()).headers['x-cache'];
      },
      { timeout: 15_000, interval: 200 },
    )
    .toBe('hit');
  expect(await counter('referral_service_cache_hits_total')).toBeGreaterThan(hitsBefore);
});
