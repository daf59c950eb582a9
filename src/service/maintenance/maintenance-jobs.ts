/**
 * The maintenance jobs (the spec's "Automated Maintenance Tasks"), as data: what each runs and how
 * often, in both forms the schedulers need (a pg_cron schedule and an interval for our own).
 */

export interface MaintenanceJob {
  /** Stable name; pg_cron jobs are registered under `referral-bench-<name>`. */
  readonly name: string;
  /** What the job runs, as the database owner. */
  readonly sql: string;
  /** pg_cron schedule (cron syntax, server time). */
  readonly cron: string;
  /** Period for the service's own scheduler, in milliseconds. */
  readonly intervalMs: number;
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

export const maintenanceJobs: readonly MaintenanceJob[] = Object.freeze([
  {
    name: 'refresh-referral-analytics',
    sql: 'SELECT refresh_referral_analytics()',
    cron: '*/5 * * * *',
    intervalMs: 5 * minute,
  },
  {
    name: 'cleanup-leaderboard-cache',
    sql: 'DELETE FROM referral_leaderboard_cache WHERE expires_at < now()',
    cron: '0 * * * *',
    intervalMs: hour,
  },
  {
    name: 'analyze-referral-tables',
    sql: 'ANALYZE student_referrals, user_rankings, points_transactions',
    cron: '0 3 * * *',
    intervalMs: day,
  },
  {
    name: 'expire-stale-referrals',
    sql: 'SELECT expire_stale_referrals(90)',
    cron: '30 3 * * *',
    intervalMs: day,
  },
]);
