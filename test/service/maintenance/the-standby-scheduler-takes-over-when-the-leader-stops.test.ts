import { afterAll, expect, it } from 'vitest';
import { maintenanceJobs } from '../../../src/service/maintenance/maintenance-jobs.js';
import type { MaintenanceScheduler } from '../../../src/service/maintenance/maintenance-scheduler.js';
import { startMaintenanceScheduler } from '../../../src/service/maintenance/maintenance-scheduler.js';
import { createTestDatabase } from '../../helpers/database.js';

const db = await createTestDatabase();
const options = {
  databaseUrl: db.url,
  jobs: maintenanceJobs.map((job) => ({ ...job, intervalMs: 100 })),
  leadershipRetryMs: 50,
};
const started: MaintenanceScheduler[] = [];
afterAll(async () => {
  for (const scheduler of started) await scheduler.stop();
});

it('leaves the jobs to the other process once the leader is gone', async () => {
  const first = startMaintenanceScheduler(options);
  started.push(first);
  await expect.poll(() => first.mode, { timeout: 10_000 }).toBe('scheduler');
  let secondRuns = 0;
  const second = startMaintenanceScheduler({
    ...options,
    onJobRun: () => {
      secondRuns += 1;
    },
  });
  started.push(second);

  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(second.mode).toBe('standby');
  expect(secondRuns).toBe(0);

  await first.stop();
  await expect.poll(() => second.mode, { timeout: 10_000 }).toBe('scheduler');
  await expect.poll(() => secondRuns, { timeout: 10_000 }).toBeGreaterThan(0);
});
