/** Runs one maintenance job through the real scheduler (leader election included) and waits for it. */
import type { JobOutcome } from '../../../src/service/maintenance/maintenance-scheduler.js';
import { startMaintenanceScheduler } from '../../../src/service/maintenance/maintenance-scheduler.js';
import { maintenanceJobs } from '../../../src/service/maintenance/maintenance-jobs.js';

export async function runMaintenanceJob(databaseUrl: string, name: string): Promise<JobOutcome> {
  const job = maintenanceJobs.find((candidate) => candidate.name === name);
  if (!job) throw new Error(`no maintenance job named ${name}`);
  let finished: (outcome: JobOutcome) => void = () => undefined;
  const outcome = new Promise<JobOutcome>((resolve) => {
    finished = resolve;
  });
  const scheduler = startMaintenanceScheduler({
    databaseUrl,
    jobs: [{ ...job, intervalMs: 50 }],
    onJobRun: (_job, result) => finished(result),
  });
  try {
    return await outcome;
  } finally {
    await scheduler.stop();
  }
}
