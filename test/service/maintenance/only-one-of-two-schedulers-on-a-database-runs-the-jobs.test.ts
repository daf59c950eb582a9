import { afterAll, expect, it } from 'vitest';
import { maintenanceJobs } from '../../../src/service/maintenance/maintenance-jobs.js';
import { startMaintenanceScheduler } from '../../../src/service/maintenance/maintenance-scheduler.js';
import { createTestDatabase } from '../../helpers/database.js';

const db = await createTestDatabase();
const fastJobs = maintenanceJobs.map((job) => ({ ...job, intervalMs: 100 }));
const runs = [0, 0];
const schedulers = [0, 1].map((index) =>
  startMaintenanceScheduler({
    databaseUrl: db.url,
    jobs: fastJobs,
    leadershipRetryMs: 50,
    onJobRun: (_job, outcome) => {
      if (outcome.state === 'completed') runs[index]! += 1;
    },
  }),
);
afterAll(async () => {
  for (const scheduler of schedulers) await scheduler.stop();
});

it('elects one leader that runs every job while the other stands by', async () => {
  await expect.poll(() => runs[0]! + runs[1]!, { timeout: 20_000 }).toBeGreaterThanOrEqual(3 * fastJobs.length);
  expect(schedulers.map((scheduler) => scheduler.mode).sort()).toEqual(['scheduler', 'standby']);
  expect(runs.filter((count) => count > 0)).toHaveLength(1);
});
