import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maintenanceJobs } from '../../../src/service/maintenance/maintenance-jobs.js';
import { startMaintenanceScheduler } from '../../../src/service/maintenance/maintenance-scheduler.js';
import { pgCronJobName } from '../../../src/service/maintenance/pg-cron.js';
import { withClient } from '../../../src/core/database-admin.js';
import { migrate } from '../../../src/service/db/migrator.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { pgCronAvailable, startPgCronPostgres, type PgCronPostgres } from './pg-cron-postgres.js';

const available = pgCronAvailable('the pg_cron maintenance test');

describe.skipIf(!available)('maintenance through pg_cron', () => {
  let url = '';
  let pool: pg.Pool;
  let server: PgCronPostgres | undefined;

  beforeAll(async () => {
    server = await startPgCronPostgres('referral_bench_cron');
    url = server.url;
    await withClient(url, (client) => migrate(client, 'optimized'));
    pool = new pg.Pool({ connectionString: url, max: 2 });
    // the server stops after the pool ends; a client still closing then reports the shutdown (57P01)
    pool.on('error', () => undefined);
  });
  afterAll(async () => {
    await pool?.end();
    await server?.stop();
  });

  it('schedules every job in the database on its cron schedule, and the scheduled refresh counts a new referral', async () => {
    const scheduler = startMaintenanceScheduler({ databaseUrl: url });
    try {
      const deadline = Date.now() + 10_000;
      while (scheduler.mode !== 'pg_cron' && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(scheduler.mode).toBe('pg_cron');
    } finally {
      await scheduler.stop();
    }

    const { rows: jobs } = await pool.query<{
      jobname: string;
      schedule: string;
      command: string;
      database: string;
      active: boolean;
    }>('SELECT jobname, schedule, command, database, active FROM cron.job ORDER BY jobname');
    expect(jobs).toEqual(
      maintenanceJobs
        .map((job) => ({
          jobname: pgCronJobName(job),
          schedule: job.cron,
          command: job.sql,
          database: 'referral_bench_cron',
          active: true,
        }))
        .sort((a, b) => a.jobname.localeCompare(b.jobname)),
    );

    const org = await createOrganization(pool);
    const student = await createStudent(pool, org.id);
    await createReferral(pool, student);
    const totals = async () =>
      (
        await pool.query<{ total_referrals: number }>(
          'SELECT total_referrals FROM mv_referral_analytics WHERE referrer_student_id = $1',
          [student.id],
        )
      ).rows;
    expect(await totals()).toEqual([]);

    // pg_cron's finest schedule here is a minute: the test runs the command pg_cron holds, as pg_cron would.
    await pool.query(jobs.find((job) => job.jobname === 'referral-bench-refresh-referral-analytics')!.command);
    expect(await totals()).toEqual([{ total_referrals: 1 }]);
  });
});
