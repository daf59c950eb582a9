/**
 * before-after: the spec's improvement claims, on the baseline and optimized schema variants
 * seeded with the same data. Each query is timed directly in SQL (as the service runs it: as
 * referral_bench_app, scoped to an organization) and explained with EXPLAIN (ANALYZE, BUFFERS);
 * trigger firings are counted from pg_stat_user_functions over the same edits on both variants,
 * and round trips from pg_stat_statements over the same bulk requests through the service.
 */
import { HarnessError } from '../../core/errors.js';
import pg from 'pg';
import { profileOf, type ProfileName, type Scenario } from '../../../scenarios/scenario-schema.js';
import type { ScenarioContext } from '../../../scenarios/scenario-context.js';
import type { SchemaVariant } from '../../service/index.js';
import { snapshotPgStats, diffPgStats } from '../measure/pg-stat-sampler.js';
import type { ScenarioResult, StepResult } from '../result/run-result.schema.js';
import type { RunDatabase, RunResources } from './run-resources.js';
import { runScenarioPhases, type ScenarioOutcome } from './scenario-phases.js';
import { repetitionsOf } from '../config.js';
import { extendWhileUndecided, maxGrowth, repetitionsToDecide } from './until-decided.js';
import { createPrng, shuffled, type Prng } from '../../core/prng-function.js';
import { medianOfSorted, sortAscending } from '../stats/order-statistics.js';

type Query = NonNullable<Scenario['queries']>[number];
type ParamSet = { studentId: string; organizationId: string };

/** Edits per referral in the trigger workload: non-status edits (contact notes, corrections) per status change. */
export const triggerWorkload = Object.freeze({ referrals: 50, nonStatusEditsPerStatusChange: 3 });
export const bulkRequests = Object.freeze({ requests: 3, size: 100 });

const median = (values: readonly number[]): number => medianOfSorted(sortAscending(values));
const reduction = (before: number, after: number): number => (before > 0 ? (1 - after / before) * 100 : 0);

function paramSets(context: ScenarioContext, count: number): ParamSet[] {
  const sets: ParamSet[] = [];
  for (let i = 0; sets.length < count && i < count * 4; i += 1) {
    const organization = context.organizations[i % context.organizations.length];
    const student = organization?.students[Math.floor(i / context.organizations.length) % organization.students.length];
    if (organization && student) sets.push({ studentId: student.id, organizationId: organization.id });
  }
  return sets;
}

async function asApp<T>(client: pg.PoolClient, organizationId: string, work: () => Promise<T>): Promise<T> {
  await client.query(
    `BEGIN; SET LOCAL ROLE referral_bench_app; SELECT set_config('app.organization_id', '${organizationId.replace(/[^0-9a-f-]/gi, '')}', true)`,
  );
  try {
    return await work();
  } finally {
    await client.query('ROLLBACK');
  }
}

/** Executions per repetition at least: a median of fewer cannot resolve a sub-millisecond query. */
const minimumExecutionsPerRepetition = 10;
const warmupExecutions = 5;

interface QueryTimings {
  /** Per repetition: the median of its executions, ms. */
  readonly medianMs: number[];
  /** Per repetition: EXPLAIN ANALYZE's execution time, ms. */
  readonly planMs: number[];
  readonly plan: string;
}

/** The query's executions on one variant for one repetition: the median time, and one EXPLAIN ANALYZE. */
async function timeRepetition(
  client: pg.PoolClient,
  query: Query,
  sets: readonly ParamSet[],
  executions: number,
  offset: number,
): Promise<{ medianMs: number; planMs: number; plan: string }> {
  const values = (set: ParamSet) => query.params.map((name) => set[name]);
  const times: number[] = [];
  for (let i = 0; i < executions; i += 1) {
    const set = sets[(offset + i) % sets.length] as ParamSet;
    times.push(
      await asApp(client, set.organizationId, async () => {
        const started = performance.now();
        await client.query({ text: query.sql, values: values(set) });
        return performance.now() - started;
      }),
    );
  }
  const first = sets[offset % sets.length] as ParamSet;
  const plan = await asApp(client, first.organizationId, async () => {
    const { rows } = await client.query<{ 'QUERY PLAN': string }>({
      text: `EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`,
      values: values(first),
    });
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
  return { medianMs: median(times), planMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN), plan };
}

/**
 * The query on both variants, as interleaved pairs of repetitions (the variant order random within
 * each pair), after a warm-up of each: drift over the run falls on both variants alike. While the
 * step's rows are undecided, more pairs follow within the run's --until-decided budget
 * (`decide` says how many in all, judged on the timings so far).
 */
async function timeQueryPaired(
  resources: RunResources,
  databases: Record<SchemaVariant, RunDatabase>,
  query: Query,
  sets: readonly ParamSet[],
  repetitions: number,
  executions: number,
  order: Prng,
  decide: (timings: Record<SchemaVariant, QueryTimings>, count: number) => { pairs: number; rows: string[] },
): Promise<Record<SchemaVariant, QueryTimings>> {
  const perRepetition = Math.max(minimumExecutionsPerRepetition, Math.ceil(executions / repetitions));
  const clients = {
    baseline: await databases.baseline.pool.connect(),
    optimized: await databases.optimized.pool.connect(),
  };
  try {
    const timings: Record<SchemaVariant, { medianMs: number[]; planMs: number[]; plan: string }> = {
      baseline: { medianMs: [], planMs: [], plan: '' },
      optimized: { medianMs: [], planMs: [], plan: '' },
    };
    for (const variant of schemaVariants) await timeRepetition(clients[variant], query, sets, warmupExecutions, 0);
    const runPair = async (repetition: number): Promise<void> => {
      for (const variant of shuffled(schemaVariants, order)) {
        const timed = await timeRepetition(clients[variant], query, sets, perRepetition, repetition * perRepetition);
        timings[variant].medianMs.push(timed.medianMs);
        timings[variant].planMs.push(timed.planMs);
        if (repetition === 0) timings[variant].plan = timed.plan;
      }
    };
    const startedMs = performance.now();
    for (let repetition = 0; repetition < repetitions && !resources.stopped(); repetition += 1)
      await runPair(repetition);
    await extendWhileUndecided({
      resources,
      planned: repetitions,
      label: `before-after: ${query.step}`,
      costMs: (performance.now() - startedMs) / repetitions,
      need: (count) => decide(timings, count),
      grow: () => undefined,
      runOne: runPair,
    });
    return timings;
  } finally {
    clients.baseline.release();
    clients.optimized.release();
  }
}

/** The query's step as the result records it, from its timings. */
function queryStep(
  query: Query,
  timings: Record<SchemaVariant, QueryTimings>,
  params: { repetitions: number; executions: number; referrals: number },
): StepResult {
  const before = timings.baseline;
  const after = timings.optimized;
  const measurements: Record<string, number> = {
    baselineMs: median(before.medianMs),
    optimizedMs: median(after.medianMs),
    reductionPct: reduction(median(before.medianMs), median(after.medianMs)),
    planBaselineMs: median(before.planMs),
    planOptimizedMs: median(after.planMs),
    planReductionPct: reduction(median(before.planMs), median(after.planMs)),
  };
  if (query.optimizedPlanUses)
    measurements.optimizedPlanUsesIndex = after.plan.includes(query.optimizedPlanUses) ? 1 : 0;
  const pairs = Math.min(before.medianMs.length, after.medianMs.length);
  return {
    label: query.step,
    params: {
      route: query.route,
      repetitions: params.repetitions,
      executions: params.executions,
      referrals: params.referrals,
      claimedReductionPct: query.claimedReductionPct,
      // An extended step says so: its pairs beyond the planned ones were a second look at the data.
      ...(pairs > params.repetitions ? { plannedPairs: params.repetitions, pairs } : {}),
    },
    measurements,
    samples: {
      baselineMs: before.medianMs,
      optimizedMs: after.medianMs,
      planBaselineMs: before.planMs,
      planOptimizedMs: after.planMs,
    },
    plans: { baseline: before.plan, optimized: after.plan },
  };
}

async function countTriggerFirings(database: RunDatabase, referralIds: readonly string[]): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const before = await snapshotPgStats(database.pool);
  try {
    for (const id of referralIds) {
      for (let edit = 0; edit < triggerWorkload.nonStatusEditsPerStatusChange; edit += 1) {
        await client.query(`UPDATE student_referrals SET referred_name = referred_name || '' WHERE id = $1`, [id]);
      }
      await client.query(`UPDATE student_referrals SET status = 'contacted' WHERE id = $1 AND status = 'pending'`, [
        id,
      ]);
    }
  } finally {
    await client.end(); // a closing session flushes its function statistics
  }
  let calls = 0;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const delta = diffPgStats(before, await snapshotPgStats(database.pool));
    calls = delta.functionCalls.update_referral_ranking_optimized ?? 0;
    if (calls > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return calls;
}

async function countBulkRoundTrips(
  resources: RunResources,
  database: RunDatabase,
  context: ScenarioContext,
  ids: readonly string[],
): Promise<number | undefined> {
  const service = await resources.service(database);
  try {
    const organization = context.organizations[0];
    if (!organization) return undefined;
    const before = await snapshotPgStats(database.pool);
    if (!before.statementsAvailable) return undefined;
    for (let r = 0; r < bulkRequests.requests; r += 1) {
      const batch = ids.slice(r * bulkRequests.size, (r + 1) * bulkRequests.size);
      const response = await fetch(new URL('/admin/referrals/bulk', service.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${organization.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ referralIds: batch, status: 'contacted' }),
      });
      if (!response.ok) throw new Error(`bulk request failed with ${response.status}: ${await response.text()}`);
    }
    const delta = diffPgStats(before, await snapshotPgStats(database.pool), Number.MAX_SAFE_INTEGER);
    // Every top-level statement the service sent is one round trip (pg_stat_statements.track = top),
    // but for its scope (set_config) and BEGIN: those go out in one exchange with the request's first statement.
    const statements = delta.topStatements.filter((s) => !/pg_settings|set_config\(|^\s*BEGIN\b/i.test(s.query));
    return statements.reduce((sum, s) => sum + s.calls, 0) / bulkRequests.requests;
  } finally {
    await service.stop();
  }
}

const schemaVariants = ['baseline', 'optimized'] as const;

export async function executeBeforeAfter(
  resources: RunResources,
  scenario: Scenario,
  profile: ProfileName,
): Promise<ScenarioOutcome> {
  // The comparison is baseline → optimized over the same data: the scenario must declare both.
  const declared = new Set(scenario.schemaVariants ?? []);
  if (!schemaVariants.every((variant) => declared.has(variant))) {
    throw new HarnessError(
      'BAD_SCENARIO',
      `scenario ${scenario.name}: schemaVariants must list 'baseline' and 'optimized', got ${JSON.stringify(scenario.schemaVariants ?? [])}`,
    );
  }
  const settings = profileOf(scenario, profile);
  const referrals = settings.referrals[0] as number;
  const executions = settings.executions ?? 50;
  const repetitions = repetitionsOf(resources.config, settings);
  const order = createPrng(resources.config.seed);
  return runScenarioPhases(resources, async (databases) => {
    const baseline = await databases.open(referrals, 'baseline');
    const optimized = await databases.open(referrals, 'optimized');
    if (baseline.manifest.checksum !== optimized.manifest.checksum) {
      throw new Error(
        `the two variants hold different data (checksums ${baseline.manifest.checksum} and ${optimized.manifest.checksum})`,
      );
    }
    await optimized.pool.query('SELECT refresh_referral_analytics()');
    const context = await resources.context(optimized);
    const sets = paramSets(context, 50);
    const steps: StepResult[] = [];
    const labels = [...(scenario.queries ?? []).map((query) => query.step), 'trigger-firings', 'round-trips'];
    /** The run was told to stop: what is left is listed, what finished is returned. */
    const stop = (): ScenarioResult => {
      resources.leaveUnfinished(scenario.name, labels.slice(steps.length));
      return { name: scenario.name, state: 'interrupted', steps };
    };

    for (const query of scenario.queries ?? []) {
      if (resources.stopped()) return stop();
      resources.log(
        `before-after: ${query.step} (${repetitions} interleaved pairs, ${executions} executions per variant)`,
      );
      const params = { repetitions, executions, referrals };
      const timings = await timeQueryPaired(
        resources,
        { baseline, optimized },
        query,
        sets,
        repetitions,
        executions,
        order,
        (sofar) => repetitionsToDecide(scenario, profile, [queryStep(query, sofar, params)], repetitions * maxGrowth),
      );
      steps.push(queryStep(query, timings, params));
    }

    if (resources.stopped()) return stop();
    const pending = context.organizations.flatMap((o) => o.referralIdsByStatus.pending);
    const triggerIds = pending.slice(0, triggerWorkload.referrals);
    resources.log(`before-after: trigger firings over ${triggerIds.length} referrals`);
    const baselineFirings = await countTriggerFirings(baseline, triggerIds);
    const optimizedFirings = await countTriggerFirings(optimized, triggerIds);
    steps.push({
      label: 'trigger-firings',
      params: {
        referrals: triggerIds.length,
        nonStatusEditsPerStatusChange: triggerWorkload.nonStatusEditsPerStatusChange,
      },
      measurements: {
        baselineCount: baselineFirings,
        optimizedCount: optimizedFirings,
        reductionPct: reduction(baselineFirings, optimizedFirings),
      },
    });

    if (resources.stopped()) return stop();
    const firstOrganization = context.organizations[0];
    const bulkIds = (firstOrganization?.referralIdsByStatus.pending ?? [])
      .filter((id) => !triggerIds.includes(id))
      .slice(0, bulkRequests.requests * bulkRequests.size);
    resources.log(`before-after: round trips of ${bulkRequests.requests} bulk requests of ${bulkRequests.size}`);
    const baselineTrips = await countBulkRoundTrips(resources, baseline, context, bulkIds);
    const optimizedTrips = await countBulkRoundTrips(resources, optimized, context, bulkIds);
    steps.push({
      label: 'round-trips',
      params: { requests: bulkRequests.requests, referralsPerRequest: bulkRequests.size },
      measurements:
        baselineTrips === undefined || optimizedTrips === undefined
          ? {}
          : {
              baselineCount: baselineTrips,
              optimizedCount: optimizedTrips,
              reductionPct: reduction(baselineTrips, optimizedTrips),
            },
    });
    return { name: scenario.name, state: 'completed', steps };
  });
}
