/** The pg_cron path: when the database has the extension, the jobs live in the database itself. */
import type { Queryable } from '../db/queryable.js';
import type { MaintenanceJob } from './maintenance-jobs.js';

/** pg_cron can only be created in one database of a server (cron.database_name): ask this one. */
export async function hasPgCron(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ present: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_cron') AS present",
  );
  return rows[0]?.present === true;
}

/** pg_cron name of a job; named jobs make cron.schedule an upsert, so scheduling is idempotent. */
export function pgCronJobName(job: MaintenanceJob): string {
  return `referral-bench-${job.name}`;
}

/** Registers (or updates) every job with pg_cron, to run in this database as the current user. */
export async function schedulePgCronJobs(db: Queryable, jobs: readonly MaintenanceJob[]): Promise<void> {
  for (const job of jobs) {
    await db.query('SELECT cron.schedule($1, $2, $3)', [pgCronJobName(job), job.cron, job.sql]);
  }
}
