import { describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../../../src/service/app.js';
import { resolveServiceConfig } from '../../../src/service/config.js';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createStudent } from '../../helpers/fixtures.js';
import { startPrivateRedis } from '../../helpers/redis-server.js';
import { adminAuth, tokenSecret } from './api-harness.js';

function faultCount(metricsText: string): number {
  const line = metricsText
    .split('\n')
    .find((l) => l.startsWith('referral_service_cache_faults_total{cache="analytics"}'));
  return Number(line?.split(' ').at(-1) ?? NaN);
}

describe('the dashboard while Redis is down', () => {
  it('is served from the database, counts the fault, and uses Redis again once it is back', async () => {
    const redis = await startPrivateRedis();
    const db = await createTestDatabase('optimized');
    const app = await buildApp(
      resolveServiceConfig({
        databaseUrl: db.url,
        redisUrl: redis.url,
        tokenSecret,
        logLevel: 'silent',
        pool: { min: 0 },
      }),
    );
    // afterAll inside a test is never run: this server and app would outlive the suite.
    onTestFinished(async () => {
      await app.close();
      await redis.stop();
    });
    const org = await createOrganization(db.pool);
    await createStudent(db.pool, org.id);
    const admin = adminAuth(org.id);
    const dashboard = async () => {
      const response = await app.inject({ method: 'GET', url: '/admin/analytics/dashboard', headers: admin });
      return `${response.statusCode} ${response.headers['x-cache'] as string}`;
    };
    const metrics = async () => faultCount((await app.inject({ method: 'GET', url: '/metrics' })).body);

    // ioredis connects in the background: wait for the first hit.
    await expect
      .poll(
        async () => {
          await dashboard();
          return dashboard();
        },
        { timeout: 10_000, interval: 100 },
      )
      .toBe('200 hit');
    expect((await app.inject({ method: 'GET', url: '/health' })).json()).toMatchObject({
      status: 'ok',
      cache: 'redis',
    });
    expect(await metrics()).toBe(0);

    await redis.stop();
    expect([await dashboard(), await dashboard()]).toEqual(['200 miss', '200 miss']);
    expect(await metrics()).toBeGreaterThanOrEqual(2);

    await redis.start();
    await expect
      .poll(
        async () => {
          await dashboard();
          return dashboard();
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBe('200 hit');
  });
});
