import { afterAll, expect, it } from 'vitest';
import { startServerSampler } from '../../../src/harness/run/server-sampler.js';
import { runClosedModel } from '../../../src/harness/runners/closed-model-runner.js';
import { RunRecorder } from '../../../src/harness/measure/run-recorder.js';
import { createTokenCodec } from '../../../src/service/auth/token-codec.js';
import { resolveServiceConfig } from '../../../src/service/config.js';
import { startServer } from '../../../src/service/server.js';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization } from '../../helpers/fixtures.js';

const secret = 'pool-waiting-secret-0123456789abcdef';
const db = await createTestDatabase();
// Two connections, and a connect timeout longer than the lock: requests queue for the pool instead of failing.
const server = await startServer(
  resolveServiceConfig({
    databaseUrl: db.url,
    tokenSecret: secret,
    port: 0,
    logLevel: 'silent',
    pool: { max: 2, min: 0, connectTimeoutMs: 20_000 },
  }),
  { handleSignals: false },
);
afterAll(() => server.close());

it("a load whose statements wait behind a table lock shows requests waiting for the pool, on the step's timeline", async () => {
  const org = await createOrganization(db.pool);
  const admin = `Bearer ${createTokenCodec(secret).sign({ organizationId: org.id, role: 'admin', studentId: undefined }, 600)}`;
  const sampler = await startServerSampler(db.pool, server.url, undefined);

  // As the faults scenario's pool-exhausted fault does: every statement on the referrals waits,
  // holding its pool connection, so six users' requests take both connections and four queue.
  const blocker = await db.pool.connect();
  await blocker.query('BEGIN');
  await blocker.query('LOCK TABLE student_referrals IN ACCESS EXCLUSIVE MODE');
  const released = new Promise<void>((resolve) =>
    setTimeout(() => {
      void blocker.query('ROLLBACK').finally(() => {
        blocker.release();
        resolve();
      });
    }, 3500),
  );
  const calledMs = performance.now();
  const recorder = new RunRecorder(calledMs, { durationMs: 4500 });
  const load = await runClosedModel({
    url: server.url,
    users: 6,
    thinkTime: { distribution: 'fixed', ms: 50 },
    durationMs: 4500,
    maxRequests: 10_000,
    record: { recorder },
    journey: [
      {
        weight: 1,
        request: () => ({
          method: 'GET',
          path: '/admin/referrals/pending?limit=50',
          headers: { authorization: admin },
          label: 'pending-admin',
        }),
      },
    ],
  });
  sampler.markStep({ step: 'locked', fromMs: calledMs, toMs: performance.now(), originMs: recorder.measuredFromMs });
  await released;
  const sample = await sampler.finish();

  expect(load.requests.errorRate).toBe(0);
  expect(sample.serviceMetrics.poolInUse).toBe(2);
  expect(sample.serviceMetrics.poolWaiting).toBe(4);
  const during = (sample.serviceMetricsOverTime?.samples ?? []).filter((point) => point.step === 'locked');
  const waiting = during.filter((point) => point.poolWaiting > 0);
  // Sampled every second through the 3.5 s the lock was held, not once after the load.
  expect(waiting.length).toBeGreaterThanOrEqual(2);
  for (const point of waiting) expect(point.poolInUse).toBe(2);
  // On the load's own clock: inside the 3.5 s the lock held, one sample a second, and the
  // requests it held up show in the timeline's second 3, when it was released.
  const seconds = waiting.map((point) => point.second ?? -1);
  expect(new Set(seconds).size).toBe(seconds.length);
  expect(Math.min(...seconds)).toBeGreaterThanOrEqual(0);
  expect(Math.max(...seconds)).toBeLessThanOrEqual(3);
  expect(load.timeline.find((point) => point.second === 3)?.p99).toBeGreaterThan(3000);
});
