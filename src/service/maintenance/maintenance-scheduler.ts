/**
 * Runs the maintenance jobs in exactly one process per database, however many service
 * processes (cluster workers, instances) share it: each asks for a PostgreSQL session advisory
 * lock on its own connection, and only the holder acts. If that connection dies, the lock is
 * released by the server and another process takes over at its next attempt.
 *
 * The leader first looks for pg_cron: when the database has it, the jobs are registered there
 * (idempotently) and run by the database; otherwise the leader runs them on its own timers. Jobs
 * run as the connecting user, the database owner (no SET ROLE), one at a time.
 */
import pg from 'pg';
import type { MaintenanceJob } from './maintenance-jobs.js';
import { maintenanceJobs } from './maintenance-jobs.js';
import { hasPgCron, schedulePgCronJobs } from './pg-cron.js';

/** The lock's two keys: a fixed namespace for referral-bench and the maintenance role in it. */
const lockKeys = [0x72626e63, 1] as const;

/** Pino-compatible subset the scheduler logs through. */
export interface MaintenanceLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export type JobOutcome =
  { readonly state: 'completed'; readonly durationMs: number } | { readonly state: 'errored'; readonly error: unknown };

/** Who runs the jobs, as far as this process knows. */
export type MaintenanceMode = 'standby' | 'pg_cron' | 'scheduler';

export interface MaintenanceSchedulerOptions {
  /** URL of the service's database, as its owner. */
  readonly databaseUrl: string;
  /** @default maintenanceJobs */
  readonly jobs?: readonly MaintenanceJob[];
  /** How often a process that is not the leader tries to become it. @default 15000 */
  readonly leadershipRetryMs?: number;
  readonly log?: MaintenanceLog;
  /** Called after every job run by this process's own timers. */
  readonly onJobRun?: (job: MaintenanceJob, outcome: JobOutcome) => void;
}

export interface MaintenanceScheduler {
  /** 'standby' until this process holds the lock; then whichever way the jobs run. */
  readonly mode: MaintenanceMode;
  /** Stops the timers, waits for a running job, and releases the lock. */
  stop(): Promise<void>;
}

const silent: MaintenanceLog = { info: () => undefined, warn: () => undefined };

/** Starts competing for leadership at once and keeps trying until stopped. */
export function startMaintenanceScheduler(options: MaintenanceSchedulerOptions): MaintenanceScheduler {
  const jobs = options.jobs ?? maintenanceJobs;
  const log = options.log ?? silent;
  const onJobRun = options.onJobRun ?? (() => undefined);
  let mode: MaintenanceMode = 'standby';
  let client: pg.Client | undefined;
  let jobTimers: NodeJS.Timeout[] = [];
  let queue: Promise<void> = Promise.resolve();
  let attempt: Promise<void> | undefined;
  let stopped = false;

  function resign(reason: unknown): void {
    if (mode !== 'standby')
      log.warn({ err: reason }, 'maintenance: lost the leader connection; another process will take over');
    for (const timer of jobTimers) clearInterval(timer);
    jobTimers = [];
    mode = 'standby';
    const lost = client;
    client = undefined;
    void lost?.end().catch(() => undefined);
  }

  function runJob(leader: pg.Client, job: MaintenanceJob): void {
    // Chained so jobs never overlap on the one connection, and a slow job delays the next instead of piling up.
    queue = queue.then(async () => {
      if (client !== leader) return;
      const started = performance.now();
      try {
        await leader.query(job.sql);
        const durationMs = performance.now() - started;
        log.info({ job: job.name, durationMs: Math.round(durationMs) }, 'maintenance job completed');
        onJobRun(job, { state: 'completed', durationMs });
      } catch (error: unknown) {
        log.warn({ job: job.name, err: error }, 'maintenance job failed');
        onJobRun(job, { state: 'errored', error });
      }
    });
  }

  async function tryToLead(): Promise<void> {
    const candidate = new pg.Client({
      connectionString: options.databaseUrl,
      application_name: 'referral-bench-maintenance',
      keepAlive: true,
    });
    candidate.on('error', (error: Error) => {
      if (client === candidate) resign(error);
    });
    candidate.on('end', () => {
      if (client === candidate) resign(new Error('the connection closed'));
    });
    try {
      await candidate.connect();
      const { rows } = await candidate.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [
        ...lockKeys,
      ]);
      if (rows[0]?.locked !== true || stopped) {
        await candidate.end();
        return;
      }
      client = candidate;
      if (await hasPgCron(candidate)) {
        await schedulePgCronJobs(candidate, jobs);
        mode = 'pg_cron';
        log.info({ jobs: jobs.map((job) => job.name) }, 'maintenance: jobs scheduled with pg_cron');
        return;
      }
      mode = 'scheduler';
      jobTimers = jobs.map((job) => setInterval(() => runJob(candidate, job), job.intervalMs).unref());
      log.info({ jobs: jobs.map((job) => job.name) }, 'maintenance: this process runs the jobs');
    } catch (error: unknown) {
      if (client === candidate) resign(error);
      else await candidate.end().catch(() => undefined);
    }
  }

  function attemptLeadership(): void {
    if (stopped || client || attempt) return;
    attempt = tryToLead().finally(() => {
      attempt = undefined;
    });
  }

  // Timers (here and the jobs') must not keep alive a process that is otherwise shutting down.
  const retryTimer = setInterval(attemptLeadership, options.leadershipRetryMs ?? 15_000).unref();
  attemptLeadership();

  return {
    get mode() {
      return mode;
    },
    async stop() {
      stopped = true;
      clearInterval(retryTimer);
      for (const timer of jobTimers) clearInterval(timer);
      jobTimers = [];
      await attempt;
      await queue;
      const leader = client;
      client = undefined;
      mode = 'standby';
      // Closing the session releases the advisory lock.
      await leader?.end().catch(() => undefined);
    },
  };
}
