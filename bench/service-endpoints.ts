/**
 * Latency of every service endpoint at low load on a seeded database (not a test: it prints
 * figures). An embedded PostgreSQL, N referrals, the service as a child process; then, per
 * endpoint, warm-up requests and a few hundred measured ones (sequential by default), each from
 * its own realistic input (distinct referrals for writes). Prints p50/p95/p99 beside the project's
 * target (1/20 of what the spec says it achieved) and writes the figures as JSON.
 *
 * Beside each endpoint, what it cannot go below: its statements' own time in PostgreSQL (from
 * pg_stat_statements, reset after the warm-up; the scope and transaction statements left out)
 * and the floor, a bare route (bench/floor-server.ts) running `SELECT 1` through the service's
 * pool, asked by the same client right after each of the endpoint's requests. "over floor" is
 * the endpoint's p50 less the floor's p50 and its statements' time: what its own code costs, and
 * for a write its commit's wait for the WAL flush, which the floor's read does not have.
 *
 *   npx tsx bench/service-endpoints.ts [--referrals 1m] [--samples 300] [--warmup 30] [--concurrency 1|2] [--only label...] [--out file.json]
 */
import { randomBytes, randomInt } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Pool } from 'undici';
import { cleanupAll } from '../src/harness/stack/cleanup.js';
import { uniqueDatabaseName, withDatabase } from '../src/core/database-admin.js';
import { EmbeddedProvider } from '../src/harness/stack/embedded-provider.js';
import { startServiceProcess } from '../src/harness/stack/service-process.js';
import { createLatencyHistogram, recordLatencyMs, summarize } from '../src/harness/measure/latency-histogram.js';
import { createTokenCodec, type Principal } from '../src/service/index.js';
import { ensureSeededDatabase } from '../seed/seed-template.js';

/** The p95 targets in ms: 1/20 of the figure the spec says it achieved. */
const targetsP95Ms: Readonly<Record<string, number>> = {
  'student-profile': 60,
  'calculate-points': 1.75,
  'dashboard-analytics': 105,
  'leaderboard-update': 3.75,
  'create-referral': 2.25,
  'update-status': 1.1,
  'referral-analytics': 6.25,
  'bulk-process': 34,
  'campaign-processing': 7,
  'ranking-calculation': 2.4,
  'achievement-check': 1.4,
};

/** A usage or data problem: reported as one line after cleanup, exit code 2. */
class BenchError extends Error {}

const { values: flags } = parseArgs({
  options: {
    referrals: { type: 'string', default: '1m' },
    samples: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '30' },
    concurrency: { type: 'string', default: '1' },
    /** Measure only these endpoints (their labels, e.g. `--only campaign-processing`). */
    only: { type: 'string', multiple: true },
    out: { type: 'string' },
  },
});
const samples = positive('--samples', flags.samples);
const warmup = positive('--warmup', flags.warmup, 0);
const concurrency = positive('--concurrency', flags.concurrency);
if (concurrency > 2) fail('--concurrency: this is a low-load benchmark; use 1 or 2');
/** Bulk and campaign requests each do far more work; fewer of them keep the run short. */
const heavySamples = Math.max(20, Math.round(samples / 3));

/** One request of an endpoint: what to send. */
interface Call {
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly path: string;
  readonly principal: Principal;
  readonly body?: unknown;
}

interface Endpoint {
  readonly label: string;
  readonly route: string;
  readonly samples: number;
  /** The i-th request (warm-up ones first); writes use each input once. */
  call(i: number): Call;
}

const started = new Date();
const provider = new EmbeddedProvider();
try {
  await run();
} catch (error: unknown) {
  if (!(error instanceof BenchError)) throw error;
  process.stderr.write(`service-endpoints: ${error.message}\n`);
  process.exitCode = 2;
} finally {
  await provider.down();
  await cleanupAll();
}

async function run(): Promise<void> {
  progress(`starting embedded PostgreSQL`);
  const stack = await provider.up();
  progress(`seeding ${flags.referrals} referrals (seed 42)`);
  const seedStarted = performance.now();
  const name = uniqueDatabaseName('rb_bench_endpoints');
  await ensureSeededDatabase({ adminUrl: stack.adminUrl, targetName: name, referrals: flags.referrals, seed: 42 });
  const databaseUrl = withDatabase(stack.adminUrl, name);
  progress(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  const db = new pg.Client({ connectionString: databaseUrl });
  // On a failure the server stops under this client; that must not become a second, unhandled error.
  db.on('error', () => undefined);
  await db.connect();
  // Where each endpoint's time goes inside PostgreSQL (statements nested in functions included).
  await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const endpoints = selected(await planEndpoints(db));
  const environment = await describeEnvironment(db);

  const secret = randomBytes(32).toString('base64url');
  const service = await startServiceProcess({ databaseUrl, tokenSecret: secret });
  progress(`service up at ${service.url}`);
  const floor = await startFloor(databaseUrl, await largestOrganization(db));
  const codec = createTokenCodec(secret);
  const http = new Pool(service.url, { connections: concurrency, pipelining: 1 });
  const floorHttp = new Pool(floor.url, { connections: concurrency, pipelining: 1 });

  const results = [];
  try {
    for (const endpoint of endpoints) {
      progress(`${endpoint.label}: ${warmup} warm-up + ${endpoint.samples} measured, each followed by a floor request`);
      const result = await measure(http, floorHttp, codec, endpoint, async () => {
        await db.query('SELECT pg_stat_statements_reset()');
      });
      const statementMs = await statementTimeMs(db, endpoint.samples);
      // Other work on the machine inflates tails; the figure says how busy it was.
      results.push({
        ...result,
        statementMs,
        overFloorP50Ms: round3(result.p50Ms - result.floor.p50Ms - statementMs),
        loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
        topStatements: await topStatements(db),
      });
    }
  } finally {
    floor.stop();
  }
  await http.close();
  await floorHttp.close();
  await service.stop();
  await db.end();

  printTable(results);
  printStatements(results);
  const report = {
    schemaVersion: 1,
    kind: 'service-endpoints',
    startedAt: started.toISOString(),
    referrals: flags.referrals,
    seed: 42,
    warmup,
    concurrency,
    environment,
    endpoints: results,
  };
  const out = flags.out ?? join('reports', 'service-endpoints', `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  progress(`figures written to ${out}`);
}

/** Picks realistic inputs from the seeded data: the largest organization, as its users would. */
async function planEndpoints(db: pg.Client): Promise<Endpoint[]> {
  const org = await largestOrganization(db);
  const admin: Principal = { organizationId: org, role: 'admin', studentId: undefined };
  const asStudent = (id: string): Principal => ({ organizationId: org, role: 'student', studentId: id });
  const column = async (sql: string, limit: number): Promise<string[]> =>
    (await db.query<{ id: string }>(sql, [org, limit])).rows.map((row) => row.id);
  const total = warmup + samples;

  const referrers = await column(
    `SELECT id FROM (SELECT DISTINCT referrer_student_id AS id FROM student_referrals WHERE organization_id = $1 AND deleted_at IS NULL) s
      ORDER BY random() LIMIT $2`,
    200,
  );
  const referrals = await column(
    'SELECT id FROM student_referrals WHERE organization_id = $1 AND deleted_at IS NULL ORDER BY random() LIMIT $2',
    500,
  );
  // Writes need fresh rows: every status update and bulk request gets pending referrals of its own.
  const pending = await column(
    `SELECT id FROM student_referrals WHERE organization_id = $1 AND status = 'pending' AND deleted_at IS NULL
      ORDER BY random() LIMIT $2`,
    total + (warmup + heavySamples) * 100,
  );
  if (pending.length < total + (warmup + 10) * 100) {
    fail(`only ${pending.length} pending referrals in the largest organization; seed more or ask for fewer samples`);
  }
  const forUpdate = pending.slice(0, total);
  const forBulk = pending.slice(total);
  // A small dataset may not hold enough pending referrals for every bulk request asked for.
  const bulkSamples = Math.min(heavySamples, Math.floor(forBulk.length / 100) - warmup);
  const campaigns = await column(
    'SELECT id FROM referral_campaigns WHERE organization_id = $1 AND is_active AND deleted_at IS NULL ORDER BY start_date LIMIT $2',
    100,
  );
  if (campaigns.length === 0) fail('the largest organization has no active campaign');

  const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
  const student = (i: number) => pick(referrers, i);
  return [
    {
      label: 'student-profile',
      route: 'GET /students/:studentId/profile',
      samples,
      call: (i) => ({ method: 'GET', path: `/students/${student(i)}/profile`, principal: asStudent(student(i)) }),
    },
    {
      label: 'calculate-points',
      route: 'GET /referrals/:referralId/points',
      samples,
      call: (i) => ({ method: 'GET', path: `/referrals/${pick(referrals, i)}/points`, principal: admin }),
    },
    {
      label: 'dashboard-analytics',
      route: 'GET /admin/analytics/dashboard?fresh=true',
      samples,
      call: () => ({ method: 'GET', path: '/admin/analytics/dashboard?fresh=true', principal: admin }),
    },
    {
      label: 'leaderboard-read',
      route: 'GET /leaderboard?limit=50',
      samples,
      call: () => ({ method: 'GET', path: '/leaderboard?limit=50', principal: admin }),
    },
    {
      label: 'leaderboard-update',
      route: 'POST /admin/leaderboard/refresh',
      samples,
      call: () => ({ method: 'POST', path: '/admin/leaderboard/refresh', principal: admin }),
    },
    {
      label: 'referral-analytics',
      route: 'GET /students/:studentId/referral-analytics',
      samples,
      call: (i) => ({
        method: 'GET',
        path: `/students/${student(i)}/referral-analytics`,
        principal: asStudent(student(i)),
      }),
    },
    {
      label: 'referral-list',
      route: 'GET /students/:studentId/referrals',
      samples,
      call: (i) => ({
        method: 'GET',
        path: `/students/${student(i)}/referrals?limit=20`,
        principal: asStudent(student(i)),
      }),
    },
    {
      label: 'pending-admin',
      route: 'GET /admin/referrals/pending',
      samples,
      call: () => ({ method: 'GET', path: '/admin/referrals/pending?limit=50', principal: admin }),
    },
    {
      label: 'ranking-calculation',
      route: 'POST /students/:studentId/ranking/calculate',
      samples,
      call: (i) => ({
        method: 'POST',
        path: `/students/${student(i)}/ranking/calculate`,
        principal: asStudent(student(i)),
      }),
    },
    {
      label: 'achievement-check',
      route: 'POST /students/:studentId/achievements/check',
      samples,
      call: (i) => ({
        method: 'POST',
        path: `/students/${student(i)}/achievements/check`,
        principal: asStudent(student(i)),
      }),
    },
    {
      label: 'create-referral',
      route: 'POST /referrals',
      samples,
      call: (i) => ({
        method: 'POST',
        path: '/referrals',
        principal: asStudent(student(i)),
        body: {
          referredName: `Bench Friend ${i}`,
          referredPhone: `+99890${String(randomInt(0, 10_000_000)).padStart(7, '0')}`,
        },
      }),
    },
    {
      label: 'update-status',
      route: 'PATCH /referrals/:referralId/status (pending -> contacted)',
      samples,
      call: (i) => ({
        method: 'PATCH',
        path: `/referrals/${forUpdate[i]!}/status`,
        principal: admin,
        body: { status: 'contacted' },
      }),
    },
    {
      label: 'bulk-process',
      route: 'POST /admin/referrals/bulk (100 ids -> contacted)',
      samples: bulkSamples,
      call: (i) => ({
        method: 'POST',
        path: '/admin/referrals/bulk',
        principal: admin,
        body: { referralIds: forBulk.slice(i * 100, i * 100 + 100), status: 'contacted' },
      }),
    },
    {
      label: 'campaign-processing',
      route: 'POST /admin/campaigns/:campaignId/process',
      samples: heavySamples,
      call: (i) => ({ method: 'POST', path: `/admin/campaigns/${pick(campaigns, i)}/process`, principal: admin }),
    },
    {
      label: 'performance-report',
      route: 'GET /admin/performance',
      samples,
      call: () => ({ method: 'GET', path: '/admin/performance', principal: admin }),
    },
  ];
}

/** The endpoints `--only` names (all without it); an unknown label is a usage error. */
function selected(endpoints: Endpoint[]): Endpoint[] {
  const only = flags.only;
  if (only === undefined) return endpoints;
  const unknown = only.filter((label) => !endpoints.some((e) => e.label === label));
  if (unknown.length > 0)
    fail(`--only: no endpoint ${unknown.join(', ')}; the labels are ${endpoints.map((e) => e.label).join(', ')}`);
  return endpoints.filter((e) => only.includes(e.label));
}

async function largestOrganization(db: pg.Client): Promise<string> {
  return (
    await db.query<{ id: string }>(
      'SELECT organization_id AS id FROM student_referrals GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
    )
  ).rows[0]!.id;
}

/** Starts bench/floor-server.ts on the database, scoped to `organizationId`; resolves with its URL. */
async function startFloor(databaseUrl: string, organizationId: string): Promise<{ url: string; stop(): void }> {
  const script = fileURLToPath(new URL('./floor-server.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, '--database-url', databaseUrl, '--organization', organizationId],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new BenchError(`the floor server exited (${String(code)}) before it listened`)),
    );
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      child.kill('SIGTERM');
    },
  };
}

/**
 * The endpoint's statements' own execution time per measured request, in ms: every statement
 * since the reset but the scope and transaction control (the floor pays those too), the floor's
 * own `SELECT 1` and this script's reads.
 */
async function statementTimeMs(db: pg.Client, requests: number): Promise<number> {
  const {
    rows: [row],
  } = await db.query<{ total_ms: number }>(
    `SELECT coalesce(sum(total_exec_time), 0)::float AS total_ms FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND query NOT ILIKE '%pg_stat_statements%' AND query NOT ILIKE '%set_config(%' AND query NOT ILIKE '%AS floor'
        AND query !~* '^\\s*(BEGIN|COMMIT|ROLLBACK|SET LOCAL)'`,
  );
  return round3(row!.total_ms / Math.max(1, requests));
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

async function measure(
  http: Pool,
  floorHttp: Pool,
  codec: ReturnType<typeof createTokenCodec>,
  endpoint: Endpoint,
  afterWarmup: () => Promise<void>,
) {
  const histogram = createLatencyHistogram();
  const floorHistogram = createLatencyHistogram();
  const statuses: Record<string, number> = {};
  const tokens = new Map<string, string>();
  const token = (principal: Principal) => {
    const key = `${principal.role}:${principal.studentId ?? ''}`;
    let value = tokens.get(key);
    if (!value) {
      value = codec.sign(principal, 3600);
      tokens.set(key, value);
    }
    return value;
  };
  let next = 0;
  async function lane(end: number): Promise<void> {
    for (let i = next++; i < end; i = next++) {
      const call = endpoint.call(i);
      const body = call.body === undefined ? undefined : JSON.stringify(call.body);
      const sent = performance.now();
      const response = await http.request({
        method: call.method,
        path: call.path,
        headers: {
          authorization: `Bearer ${token(call.principal)}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body,
      });
      await response.body.text();
      const elapsed = performance.now() - sent;
      const floorSent = performance.now();
      const floorResponse = await floorHttp.request({ method: 'GET', path: '/floor' });
      await floorResponse.body.text();
      const floorElapsed = performance.now() - floorSent;
      if (floorResponse.statusCode !== 200) fail(`the floor route answered ${floorResponse.statusCode}`);
      if (i < warmup) continue;
      statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
      if (response.statusCode < 400) recordLatencyMs(histogram, elapsed);
      recordLatencyMs(floorHistogram, floorElapsed);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, () => lane(warmup)));
  await afterWarmup();
  next = warmup;
  await Promise.all(Array.from({ length: concurrency }, () => lane(warmup + endpoint.samples)));
  const summary = summarize(histogram);
  const floor = summarize(floorHistogram);
  const target = targetsP95Ms[endpoint.label];
  return {
    label: endpoint.label,
    route: endpoint.route,
    samples: summary.count,
    statuses,
    p50Ms: summary.p50,
    p95Ms: summary.p95,
    p99Ms: summary.p99,
    maxMs: summary.max,
    meanMs: Math.round(summary.mean * 1000) / 1000,
    floor: { p50Ms: floor.p50, p95Ms: floor.p95 },
    targetP95Ms: target ?? null,
    met: target === undefined ? null : summary.count > 0 && summary.p95 <= target,
  };
}

type EndpointResult = Awaited<ReturnType<typeof measure>> & {
  loadAverage1m: number;
  statementMs: number;
  overFloorP50Ms: number;
};

function printTable(results: EndpointResult[]): void {
  const rows = results.map((r) => ({
    endpoint: r.label,
    n: r.samples,
    'p50 ms': r.p50Ms.toFixed(2),
    'p95 ms': r.p95Ms.toFixed(2),
    'p99 ms': r.p99Ms.toFixed(2),
    'sql ms': r.statementMs.toFixed(3),
    'floor p50': r.floor.p50Ms.toFixed(2),
    'over floor': r.overFloorP50Ms.toFixed(2),
    'target p95': r.targetP95Ms === null ? '' : r.targetP95Ms.toFixed(2),
    verdict: r.met === null ? '' : r.met ? 'met' : `MISSED x${(r.p95Ms / r.targetP95Ms!).toFixed(1)}`,
    load: r.loadAverage1m.toFixed(1),
    statuses: Object.entries(r.statuses)
      .map(([status, count]) => `${status}:${count}`)
      .join(' '),
  }));
  console.table(rows);
}

/** The statements that took the most time in the window, with calls and mean time. */
async function topStatements(db: pg.Client) {
  const { rows } = await db.query<{ query: string; calls: string; mean_ms: number; total_ms: number }>(
    `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 140) AS query, calls, round(mean_exec_time::numeric, 3)::float AS mean_ms,
            round(total_exec_time::numeric, 1)::float AS total_ms
       FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'
      ORDER BY total_exec_time DESC LIMIT 4`,
  );
  return rows.map((row) => ({
    query: row.query,
    calls: Number(row.calls),
    meanMs: row.mean_ms,
    totalMs: row.total_ms,
  }));
}

function printStatements(
  results: Array<{ label: string; met: boolean | null; topStatements: Awaited<ReturnType<typeof topStatements>> }>,
): void {
  for (const result of results.filter((r) => r.met === false)) {
    process.stdout.write(`\n${result.label} (missed): top statements by total time\n`);
    for (const statement of result.topStatements) {
      process.stdout.write(
        `  ${statement.meanMs.toFixed(3).padStart(9)} ms mean  x${String(statement.calls).padEnd(6)} ${statement.query}\n`,
      );
    }
  }
}

async function describeEnvironment(db: pg.Client) {
  const version = (await db.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  return { node: process.version, postgres: version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown' };
}

function positive(flag: string, value: string | undefined, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    fail(`${flag}: expected a whole number of at least ${min}, got ${String(value)}`);
  return n;
}

function progress(line: string): void {
  process.stderr.write(`[service-endpoints] ${line}\n`);
}

function fail(message: string): never {
  throw new BenchError(message);
}
