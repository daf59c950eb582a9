/**
 * What follows the load: every table vacuumed and analyzed, and what the database derives from the
 * loaded rows brought up to date, as the triggers and the maintenance job would have (the load ran
 * without triggers): the rank's histogram and the materialized views.
 *
 * One pool of jobs over the connections given (two at most: the server has as many cores here, and
 * the refreshes are single-threaded), each derived job after the tables it reads are analyzed, so
 * the refreshes run beside the other tables' VACUUMs instead of after all of them.
 */
import { once, EventEmitter } from 'node:events';
import type pg from 'pg';

export interface FinishTimings {
  /** Time the VACUUM ANALYZE jobs took, summed over the connections. */
  readonly vacuumAnalyzeMs: number;
  /** Time the histogram's rebuild and the views' refreshes took (each with its own ANALYZE), summed. */
  readonly refreshMs: number;
  /** The phase's wall time: less than the two sums together, which overlap. */
  readonly finishMs: number;
}

interface Job {
  readonly kind: 'vacuum' | 'refresh';
  /** A table's name for a VACUUM; what other jobs wait for. */
  readonly name: string;
  /** Tables that must be analyzed first. */
  readonly after: readonly string[];
  run(client: pg.Client): Promise<void>;
}

/**
 * Vacuums and analyzes `tables` and refreshes what derives from them. The connections must be idle,
 * with triggers on (session_replication_role DEFAULT): nothing here needs them off.
 */
export async function finishLoad(clients: readonly pg.Client[], tables: readonly string[]): Promise<FinishTimings> {
  const started = performance.now();
  const derived = await derivedJobs(clients[0]!, tables);
  const jobs = orderJobs(
    tables.map((name) => ({
      kind: 'vacuum' as const,
      name,
      after: [],
      // VACUUM sets the visibility map, so index-only scans work from the first benchmark query
      run: async (client: pg.Client) => void (await client.query(`VACUUM (ANALYZE) ${name}`)),
    })),
    derived,
  );

  const spent = { vacuum: 0, refresh: 0 };
  const done = new Set<string>();
  const finished = new EventEmitter();
  let failed = false;
  const worker = async (client: pg.Client): Promise<void> => {
    while (jobs.length > 0 && !failed) {
      const next = jobs.findIndex((job) => job.after.every((table) => done.has(table)));
      if (next === -1) {
        await once(finished, 'job');
        continue;
      }
      const [job] = jobs.splice(next, 1);
      const jobStarted = performance.now();
      try {
        await job!.run(client);
      } catch (error: unknown) {
        failed = true;
        throw error;
      } finally {
        spent[job!.kind] += performance.now() - jobStarted;
        done.add(job!.name);
        finished.emit('job');
      }
    }
  };
  await Promise.all(clients.slice(0, 2).map(worker));
  return {
    vacuumAnalyzeMs: Math.round(spent.vacuum),
    refreshMs: Math.round(spent.refresh),
    finishMs: Math.round(performance.now() - started),
  };
}

/**
 * The VACUUMs the derived jobs wait for first, in the order those jobs need them, then the derived
 * jobs, then the other VACUUMs: a connection free before a refresh's inputs are analyzed takes
 * another table meanwhile.
 */
function orderJobs(vacuums: readonly Job[], derived: readonly Job[]): Job[] {
  const needed = derived.flatMap((job) => job.after);
  const first = needed.flatMap((name) => vacuums.filter((job) => job.name === name));
  const unique = [...new Set(first)];
  return [...unique, ...derived, ...vacuums.filter((job) => !unique.includes(job))];
}

/**
 * The rank's histogram (the optimized variant), rebuilt from user_rankings; the materialized views,
 * refreshed in creation order (a view can only read views made before it) after the tables they
 * read. The maintenance entry point refreshes the views CONCURRENTLY, which diffs against their old
 * contents; a fresh database has none and no readers yet, so a plain refresh does the same faster.
 * Without views (baseline), the entry point runs as the scheduler would run it, after every table.
 */
async function derivedJobs(client: pg.Client, tables: readonly string[]): Promise<Job[]> {
  const jobs: Job[] = [];
  const {
    rows: [found],
  } = await client.query<{ histogram: boolean }>(
    `SELECT to_regprocedure('rebuild_ranking_points_histogram()') IS NOT NULL AS histogram`,
  );
  if (found?.histogram) {
    jobs.push({
      kind: 'refresh',
      name: 'ranking_points_histogram',
      after: ['user_rankings'].filter((table) => tables.includes(table)),
      run: async (c) => {
        await c.query('SELECT rebuild_ranking_points_histogram()');
        // Statistics for the rank's plans (without them the planner guesses a handful of rows).
        await c.query('VACUUM (ANALYZE) ranking_points_histogram, ranking_points_students');
      },
    });
  }
  const { rows: views } = await client.query<{ name: string; reads: string[] }>(
    `SELECT c.oid::regclass::text AS name,
            coalesce(array_agg(DISTINCT d.refobjid::regclass::text) FILTER (WHERE t.relkind = 'r'), '{}') AS reads
       FROM pg_class c
       JOIN pg_rewrite r ON r.ev_class = c.oid
       LEFT JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refobjid <> c.oid
       LEFT JOIN pg_class t ON t.oid = d.refobjid
      WHERE c.relkind = 'm' AND c.relnamespace = current_schema()::regnamespace
      GROUP BY c.oid ORDER BY c.oid`,
  );
  if (views.length === 0) {
    jobs.push({
      kind: 'refresh',
      name: 'refresh_referral_analytics',
      after: [...tables],
      run: async (c) => void (await c.query('SELECT refresh_referral_analytics()')),
    });
    return jobs;
  }
  jobs.push({
    kind: 'refresh',
    name: 'materialized views',
    after: [...new Set(views.flatMap((view) => view.reads))].filter((table) => tables.includes(table)),
    run: async (c) => {
      for (const { name } of views) {
        await c.query(`REFRESH MATERIALIZED VIEW ${name}`);
        await c.query(`VACUUM (ANALYZE) ${name}`);
      }
    },
  });
  return jobs;
}
