/**
 * Latency of every service endpoint at low load on a seeded database (not a test: it prints
 * figures). The harness's stack provider (embedded PostgreSQL), N referrals, the service as a
 * child process; every endpoint's warm-up requests (but the writes that use up their inputs,
 * warmed right before they are measured); a CHECKPOINT, so what seeding left dirty is not written
 * out under the measurements; then `--repetitions` passes over the endpoints, each measuring a few
 * hundred requests of every endpoint (sequential by default), built by the scenarios' request
 * builders from the run's seeded context
 * (bench/endpoint-plan.ts), with every choice drawn from `--seed` (bench/endpoint-inputs.ts): the
 * same seed sends the same requests, and the "inputs" column (a digest of every request sent)
 * shows it. Prints p50/p95/p99 over every pass beside the endpoint's goal row
 * (src/harness/targets/goals: a twentieth of what the spec says it achieved), judged on the
 * passes' p95s as a run judges its repetitions (bench/endpoint-goal.ts): met, missed or
 * undecided, with the interval. Writes the figures as JSON.
 *
 * Beside each endpoint, what it cannot go below: its statements' own time in PostgreSQL (from
 * pg_stat_statements, reset before each endpoint's pass; the scope and transaction statements left out)
 * and the floor, a bare route (bench/floor-server.ts) running `SELECT 1` through the service's
 * pool, asked by the same client right after each of the endpoint's requests. "over floor" is
 * the endpoint's p50 less the floor's p50 and its statements' time: what its own code costs, and
 * for a write its commit's wait for the WAL flush, which the floor's read does not have.
 *
 *   npx tsx bench/service-endpoints.ts [--referrals 1m] [--samples 200] [--repetitions 5] [--warmup 30] [--warm-rounds 20] [--concurrency 1|2] [--seed 42] [--only label...] [--out file.json]
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Pool } from 'undici';
import { HarnessError } from '../src/core/errors.js';
import { settleWrites, uniqueDatabaseName, withDatabase } from '../src/core/database-admin.js';
import { cleanupAll } from '../src/harness/stack/cleanup.js';
import { createProvider } from '../src/harness/stack/create-provider.js';
import { startServiceProcess } from '../src/harness/stack/service-process.js';
import { loadScenarioContext } from '../src/harness/run/scenario-context-loader.js';
import { createLatencyHistogram, recordLatencyMs, summarize } from '../src/harness/measure/latency-histogram.js';
import { createTokenCodec } from '../src/service/index.js';
import { ensureSeededDatabase } from '../seed/seed-template.js';
import { bulkSize } from '../scenarios/route-requests.js';
import {
  defaultEndpointBenchFlags,
  resolveEndpointBenchConfig,
  type EndpointBenchConfig,
  type EndpointBenchFlags,
} from './endpoint-bench-config.js';
import type { LoadRequest } from '../src/model/load-request.js';
import { judgeEndpoint } from './endpoint-goal.js';
import { pickEndpointInputs } from './endpoint-inputs.js';
import { samplesOf, warmOnce } from './endpoint-journey.js';
import { planEndpoints, type BenchEndpoint } from './endpoint-plan.js';

/** An id in a path, shown as `:id` in an endpoint's route. */
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const started = new Date();
const provider = createProvider({ provider: 'embedded' });
try {
  await run(resolveEndpointBenchConfig(readFlags()));
} catch (error: unknown) {
  if (!(error instanceof HarnessError)) throw error;
  process.stderr.write(`service-endpoints: ${error.code}: ${error.message}\n`);
  process.exitCode = error.exitCode;
} finally {
  await provider.down();
  await cleanupAll();
}

function readFlags(): EndpointBenchFlags {
  try {
    const { 'warm-rounds': warmRounds, ...values } = parseArgs({
      options: {
        referrals: { type: 'string', default: defaultEndpointBenchFlags.referrals },
        samples: { type: 'string', default: defaultEndpointBenchFlags.samples },
        repetitions: { type: 'string', default: defaultEndpointBenchFlags.repetitions },
        warmup: { type: 'string', default: defaultEndpointBenchFlags.warmup },
        'warm-rounds': { type: 'string', default: defaultEndpointBenchFlags.warmRounds },
        concurrency: { type: 'string', default: defaultEndpointBenchFlags.concurrency },
        seed: { type: 'string', default: defaultEndpointBenchFlags.seed },
        /** Measure only these endpoints (their labels, e.g. `--only campaign-processing`). */
        only: { type: 'string', multiple: true },
        out: { type: 'string' },
      },
    }).values;
    return { ...values, warmRounds };
  } catch (error: unknown) {
    throw new HarnessError('BAD_FLAG', error instanceof Error ? error.message : String(error));
  }
}

async function run(config: Readonly<EndpointBenchConfig>): Promise<void> {
  const header =
    `${config.referrals} referrals, seed ${config.seed}, ${config.repetitions} repetitions of ${config.samples} samples (+${config.warmup} warm-up), ` +
    `concurrency ${config.concurrency}, load average ${loadavg()[0]!.toFixed(2)} at start`;
  progress(header);
  progress(`starting embedded PostgreSQL`);
  const stack = await provider.up();
  progress(`seeding ${config.referrals} referrals (seed ${config.seed})`);
  const seedStarted = performance.now();
  const name = uniqueDatabaseName('rb_bench_endpoints');
  await ensureSeededDatabase({
    adminUrl: stack.adminUrl,
    targetName: name,
    referrals: config.referrals,
    seed: config.seed,
  });
  const databaseUrl = withDatabase(stack.adminUrl, name);
  progress(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  const db = new pg.Client({ connectionString: databaseUrl });
  // On a failure the server stops under this client; that must not become a second, unhandled error.
  db.on('error', () => undefined);
  await db.connect();
  // Where each endpoint's time goes inside PostgreSQL (statements nested in functions included).
  await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const environment = await describeEnvironment(db);

  const secret = randomBytes(32).toString('base64url');
  const codec = createTokenCodec(secret);
  // Enough open referrals for every status update and bulk request asked for, each moving its own.
  const perRequest = config.warmup + config.samples * config.repetitions;
  const context = await loadScenarioContext(
    db,
    (claims) =>
      codec.sign({ organizationId: claims.organizationId, role: claims.role, studentId: claims.studentId }, 6 * 3600),
    {
      seed: config.seed,
      referralsPerStatus:
        perRequest + (config.warmup + samplesOf('bulk-process', config.samples) * config.repetitions) * bulkSize,
    },
  );
  const inputs = pickEndpointInputs(context, config.seed);
  const endpoints = planEndpoints(inputs, config.seed, config.samples, perRequest).filter((endpoint) =>
    config.only.includes(endpoint.label),
  );

  const service = await startServiceProcess({ databaseUrl, tokenSecret: secret });
  progress(`service up at ${service.url}`);
  const floor = await startFloor(databaseUrl, inputs.organizations[0]!.id);
  const http = new Pool(service.url, { connections: config.concurrency, pipelining: 1 });
  const floorHttp = new Pool(floor.url, { connections: config.concurrency, pipelining: 1 });

  const results = [];
  try {
    // Every endpoint warms before any is measured, so the first ones measured do not pay for a
    // cold service, floor server and buffer cache that the later ones find warm.
    const runs = endpoints.map((endpoint) => endpointRun(http, floorHttp, config, endpoint));
    progress(
      `warming every endpoint but ${[...warmOnce].join(', ')} (warmed right before they are measured): ${config.warmup} requests each, ${config.warmRounds} rounds, each followed by a floor request`,
    );
    for (let round = 1; round <= config.warmRounds; round += 1) {
      for (const [index, run] of runs.entries()) if (!warmOnce.has(endpoints[index]!.label)) await run.warm();
    }
    // What seeding, cloning and the warm-up left dirty is written out before anything is timed (see settleWrites).
    const settleStarted = performance.now();
    const settled = await settleWrites(db);
    progress(
      `checkpoint: ${settled.settled ? 'done' : `not done (${settled.why})`} in ${((performance.now() - settleStarted) / 1000).toFixed(1)} s`,
    );
    const statementTotals = runs.map(() => ({ ms: 0, requests: 0 }));
    const lastTop: Awaited<ReturnType<typeof topStatements>>[] = [];
    for (let pass = 0; pass < config.repetitions; pass += 1) {
      progress(`repetition ${pass + 1} of ${config.repetitions}, load average ${loadavg()[0]!.toFixed(2)}`);
      for (const [index, run] of runs.entries()) {
        const endpoint = endpoints[index]!;
        // These use up what their measured requests would find: warmed right before, once.
        if (pass === 0 && warmOnce.has(endpoint.label)) await run.warm();
        if (pass === 0)
          progress(`${endpoint.label}: ${endpoint.samples} measured a pass, each followed by a floor request`);
        await db.query('SELECT pg_stat_statements_reset()');
        const sent = await run.measure(pass);
        const totals = statementTotals[index]!;
        totals.ms += await statementTotalMs(db);
        totals.requests += sent;
        lastTop[index] = await topStatements(db);
      }
    }
    for (const [index, run] of runs.entries()) {
      const result = run.figures();
      const totals = statementTotals[index]!;
      const statementMs = round3(totals.ms / Math.max(1, totals.requests));
      results.push({
        ...result,
        statementMs,
        overFloorP50Ms: round3(result.p50Ms - result.floor.p50Ms - statementMs),
        // Other work on the machine inflates tails; the figure says how busy it was at the end.
        loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
        topStatements: lastTop[index] ?? [],
      });
    }
  } finally {
    floor.stop();
  }
  await http.close();
  await floorHttp.close();
  await service.stop();
  await db.end();

  process.stdout.write(`service-endpoints: ${header}\n`);
  printTable(results);
  printStatements(results);
  const report = {
    schemaVersion: 3,
    kind: 'service-endpoints',
    startedAt: started.toISOString(),
    referrals: config.referrals,
    seed: config.seed,
    samples: config.samples,
    repetitions: config.repetitions,
    warmup: config.warmup,
    warmRounds: config.warmRounds,
    concurrency: config.concurrency,
    organizationId: inputs.organizations[0]!.id,
    environment,
    endpoints: results,
  };
  const out = config.out ?? join('reports', 'service-endpoints', `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  progress(`figures written to ${out}`);
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
      reject(new HarnessError('SERVICE_FAILED', `the floor server exited (${String(code)}) before it listened`)),
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
 * The endpoint's statements' own execution time since the reset, in ms: every statement but the
 * scope and transaction control (the floor pays those too), the floor's own `SELECT 1` and this
 * script's reads.
 */
async function statementTotalMs(db: pg.Client): Promise<number> {
  const {
    rows: [row],
  } = await db.query<{ total_ms: number }>(
    `SELECT coalesce(sum(total_exec_time), 0)::float AS total_ms FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND query NOT ILIKE '%pg_stat_statements%' AND query NOT ILIKE '%set_config(%' AND query NOT ILIKE '%AS floor'
        AND query !~* '^\\s*(BEGIN|COMMIT|ROLLBACK|SET LOCAL)'`,
  );
  return row!.total_ms;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Parses a response body for a write that follows it; anything but JSON is no body. */
function parsedBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * One endpoint's requests: its warm-up (`warm`), then its measured ones, a pass at a time
 * (`measure`), then its figures over every pass (`figures`).
 */
function endpointRun(http: Pool, floorHttp: Pool, config: Readonly<EndpointBenchConfig>, endpoint: BenchEndpoint) {
  const { warmup, concurrency } = config;
  const histogram = createLatencyHistogram();
  const floorHistogram = createLatencyHistogram();
  // The pass being measured: its own histogram gives the pass's p95, one repetition.
  let passHistogram = createLatencyHistogram();
  const passP95s: number[] = [];
  const statuses: Record<string, number> = {};
  // What was sent, in request order (tokens left out: they carry their signing time).
  const inputs = createHash('sha256');
  let route = '';
  let unsent = 0;
  let sent = 0;
  let next = 0;
  // A warm-up request is built once: a later warm-up round sends the first round's requests again,
  // so the measured ones (each build draws from the endpoint's stream) are the same whatever the rounds.
  const warmRequests = new Map<number, LoadRequest | undefined>();
  const requestAt = (i: number): LoadRequest | undefined => {
    if (warmRequests.has(i)) return warmRequests.get(i);
    const request = endpoint.request(i);
    if (i < warmup) warmRequests.set(i, request);
    if (request === undefined) unsent += 1;
    else inputs.update(`${JSON.stringify([request.method, request.path, request.body ?? null])}\n`);
    return request;
  };
  async function lane(end: number): Promise<void> {
    for (let i = next++; i < end; i = next++) {
      const request = requestAt(i);
      if (request === undefined) continue;
      route ||= `${request.method} ${request.path.replace(uuid, ':id')}`;
      const body = request.body === undefined ? undefined : JSON.stringify(request.body);
      const sentAt = performance.now();
      const response = await http.request({
        method: request.method,
        path: request.path,
        headers: { ...request.headers, ...(body ? { 'content-type': 'application/json' } : {}) },
        body,
      });
      const text = await response.body.text();
      const elapsed = performance.now() - sentAt;
      // A write moves the work pools as the service answered, as a run's writes do.
      request.onResponse?.({ status: response.statusCode, body: parsedBody(text) });
      const floorSent = performance.now();
      const floorResponse = await floorHttp.request({ method: 'GET', path: '/floor' });
      await floorResponse.body.text();
      const floorElapsed = performance.now() - floorSent;
      if (floorResponse.statusCode !== 200)
        throw new HarnessError('SERVICE_FAILED', `the floor route answered ${floorResponse.statusCode}`);
      if (i < warmup) continue;
      sent += 1;
      statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
      if (response.statusCode < 400) {
        recordLatencyMs(histogram, elapsed);
        recordLatencyMs(passHistogram, elapsed);
      }
      recordLatencyMs(floorHistogram, floorElapsed);
    }
  }
  async function warm(): Promise<void> {
    next = 0;
    await Promise.all(Array.from({ length: concurrency }, () => lane(warmup)));
  }
  /** Measures pass `pass` (from 0); resolves with how many of its requests were sent. */
  async function measure(pass: number): Promise<number> {
    const sentBefore = sent;
    passHistogram = createLatencyHistogram();
    next = warmup + pass * endpoint.samples;
    await Promise.all(Array.from({ length: concurrency }, () => lane(warmup + (pass + 1) * endpoint.samples)));
    const passSummary = summarize(passHistogram);
    if (passSummary.count > 0) passP95s.push(passSummary.p95);
    return sent - sentBefore;
  }
  return { warm, measure, figures };

  function figures() {
    const summary = summarize(histogram);
    const floor = summarize(floorHistogram);
    return {
      label: endpoint.label,
      route,
      samples: summary.count,
      /** Measured requests sent (a refused one has no latency among the samples). */
      sent,
      /** Requests not sent: a write with no referral left to move. */
      unsent,
      inputsDigest: inputs.digest('hex').slice(0, 12),
      statuses,
      p50Ms: summary.p50,
      p95Ms: summary.p95,
      p99Ms: summary.p99,
      maxMs: summary.max,
      meanMs: Math.round(summary.mean * 1000) / 1000,
      floor: { p50Ms: floor.p50, p95Ms: floor.p95 },
      /** Each pass's p95: the repetitions the goal is judged on. */
      passP95Ms: passP95s,
      ...judgeEndpoint(endpoint.label, passP95s.length > 1 ? passP95s : summary.p95, summary.count),
    };
  }
}

type EndpointResult = ReturnType<ReturnType<typeof endpointRun>['figures']> & {
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
    'p95 of passes [95%]':
      r.p95Estimate === undefined
        ? ''
        : `${r.p95Estimate.ms.toFixed(2)} [${r.p95Estimate.lower.toFixed(2)}-${r.p95Estimate.upper.toFixed(2)}]`,
    'goal p95': r.goal === null ? '' : r.goal.p95Ms.toFixed(2),
    'met?':
      r.goal === null || r.verdict === null
        ? ''
        : r.samples === 0
          ? 'MISSED (none measured)'
          : r.verdict === 'met'
            ? 'met'
            : `${r.verdict === 'missed' ? 'MISSED' : 'undecided'} x${((r.p95Estimate?.ms ?? r.p95Ms) / r.goal.p95Ms).toFixed(1)}`,
    load: r.loadAverage1m.toFixed(1),
    inputs: r.inputsDigest,
    statuses:
      Object.entries(r.statuses)
        .map(([status, count]) => `${status}:${count}`)
        .join(' ') + (r.unsent > 0 ? ` unsent:${r.unsent}` : ''),
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
  results: Array<{
    label: string;
    met: boolean | null;
    verdict: string | null;
    topStatements: Awaited<ReturnType<typeof topStatements>>;
  }>,
): void {
  for (const result of results.filter((r) => r.met !== true && r.verdict !== null)) {
    process.stdout.write(`\n${result.label} (${result.verdict}): top statements by total time, last pass\n`);
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

function progress(line: string): void {
  process.stderr.write(`[service-endpoints] ${line}\n`);
}
