/**
 * Whether the student profile route, at saturation, keeps at or above 0.9x of what pgbench gets
 * from the same SQL on the same server (the project's goal "At saturation, the profile route stays
 * at or above 0.9x pgbench on the same SQL"; not a test: it prints figures). One embedded PostgreSQL, one database seeded with `--referrals` and `--seed`, a
 * CHECKPOINT so the seed's writeback does not run under the timings; `--students` live students of
 * the largest school (the one the scenarios put first), drawn by `ORDER BY md5(id::text)`.
 *
 * The service side: the service as a child process on that database, driven by wrk (`--client
 * wrk`, the default: a C client in its own process, as pgbench is one for the database side, so
 * neither client's own cost decides the ratio on two shared cores) or by the project's saturation
 * runner (`--client runner`: autocannon in this Node process, closed model, no think time), with a
 * seeded random sequence of those students' profile requests, built by the scenarios' own builder. The route has no cache (it reads through
 * to student_profile() every time, which the bench checks: no `x-cache` header). Only 200s count;
 * anything else is reported.
 *
 * The pgbench side: the statements the service sends for one profile request (pool.ts with
 * `singleStatement`, scoped-statement.ts): the scope and the statement, in one extended-protocol
 * exchange with one Sync, as named prepared statements with the same text and the same untyped
 * text parameters. pgbench `-M prepared` inside `\startpipeline ... \endpipeline` sends exactly
 * that; its `:variables` become `$n` parameters, so the text it prepares is the service's. One
 * script file a student (`-f file@1`), so pgbench picks among them uniformly.
 *
 * `--rounds` rounds, each running every `--connections` count on both sides for `--seconds`, the
 * two sides in a seeded random order per count, so drift on the shared machine falls on both. Per
 * round the ratio of the best service rate to the best pgbench rate; the verdict against 0.9x is
 * "met" when the median and every round are at or above it, "missed" when every round is below,
 * else "undecided" (bench/profile-saturation-verdict.ts).
 *
 *   npx tsx bench/profile-saturation.ts [--referrals 1m] [--students 20] [--seconds 10] [--connections 8,16,32] [--rounds 3] [--seed 42] [--client wrk|runner] [--wrk /usr/bin/wrk] [--pgbench /usr/bin/pgbench] [--out file.json]
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import pg from 'pg';
import { request as httpRequest } from 'undici';
import { badFlag, HarnessError } from '../src/core/errors.js';
import { settleWrites, uniqueDatabaseName, withDatabase } from '../src/core/database-admin.js';
import { createPrng } from '../src/core/prng-function.js';
import { Prng } from '../src/core/prng.js';
import { runSaturation } from '../src/harness/runners/saturation-runner.js';
import { cleanupAll } from '../src/harness/stack/cleanup.js';
import { EmbeddedProvider } from '../src/harness/stack/embedded-provider.js';
import { startServiceProcess, type ServiceProcess } from '../src/harness/stack/service-process.js';
import type { LoadRunResult } from '../src/harness/result/load-result.schema.js';
import { createTokenCodec } from '../src/service/index.js';
import { ensureSeededDatabase } from '../seed/seed-template.js';
import { routeRequests } from '../scenarios/route-requests.js';
import type { ScenarioContext } from '../scenarios/scenario-context.js';
import type { LoadRequest } from '../src/model/load-request.js';
import { flagsOrExit } from './flags-or-exit.js';
import { runWrk, wrkThreads, writeWrkScript } from './wrk-client.js';
import { defaultProfileSaturationFlags, resolveProfileSaturationConfig } from './profile-saturation-config.js';
import type { ProfileSaturationConfig } from './profile-saturation-config.js';
import { judgeSaturation, roundRatio, saturationGoal } from './profile-saturation-verdict.js';

const script = 'profile-saturation';
/** Separate streams of the seed: the service side's picks and the side order. */
const streams = { picks: 21, sideOrder: 22 } as const;
/** Picks in the service side's request sequence, which every connection cycles through. */
const sequenceLength = 997;
/** The role and the setting the service scopes each request with (src/service/db/pool.ts). */
const appRole = 'referral_bench_app';
/** What the service sends (src/service/db/pool.ts scopingOf, src/service/students/student.repository.ts). */
const serviceScopeSql = `SELECT set_config('role', $1, true), set_config('app.organization_id', $2, true)`;
const serviceProfileSql = 'SELECT student_profile($1, $2) AS profile';
/** The warm-up of each side before the first round, not measured. */
const warmUpSeconds = 3;
/** A bound on the service side's requests a second (the run ends at its duration long before). */
const maxRequestsPerSecond = 200_000;

const config = flagsOrExit(script, () => {
  const { values } = parseArgs({
    options: {
      referrals: { type: 'string', default: defaultProfileSaturationFlags.referrals },
      students: { type: 'string', default: defaultProfileSaturationFlags.students },
      seconds: { type: 'string', default: defaultProfileSaturationFlags.seconds },
      connections: { type: 'string', default: defaultProfileSaturationFlags.connections },
      rounds: { type: 'string', default: defaultProfileSaturationFlags.rounds },
      seed: { type: 'string', default: defaultProfileSaturationFlags.seed },
      pgbench: { type: 'string', default: defaultProfileSaturationFlags.pgbench },
      client: { type: 'string', default: defaultProfileSaturationFlags.client },
      wrk: { type: 'string', default: defaultProfileSaturationFlags.wrk },
      out: { type: 'string' },
    },
  });
  return resolveProfileSaturationConfig(values);
});

type SideName = 'service' | 'pgbench';

interface ServiceRun {
  /**
   * 200 responses a second of the timed window: those completed in its whole seconds (the
   * runner's timeline), over its seconds. The runner's own duration also holds the time autocannon
   * takes to stop and close its connections (0.3-1 s of a 3 s run on a busy machine), in which
   * nothing is answered; pgbench's figure leaves its start and end out too.
   */
  readonly rate: number;
  /** 200s of the timed window. */
  readonly windowOk: number;
  /** 200s and every response, the runner's whole run. */
  readonly ok: number;
  readonly total: number;
  /** Anything but a 200, by class (the runner's: http-4xx-unexpected, http-5xx, timeout, connection, other). */
  readonly non200: Readonly<Record<string, number>>;
  readonly durationMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The saturation runner's own report (undefined with wrk, which reports no such thing). */
  readonly generator: LoadRunResult['generator'] | undefined;
}

interface PgbenchRun {
  /** Transactions a second, without the initial connection time (pgbench's own figure). */
  readonly tps: number;
  readonly transactions: number;
  readonly failed: number;
  readonly latencyMs: number | null;
}

interface Pgbench {
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** The script file of the first student, as every one reads but for its variable's name. */
  readonly scriptText: string;
  readonly variables: Readonly<Record<string, string>>;
}

const started = new Date();
const provider = new EmbeddedProvider();
const opened: { db?: pg.Client; service?: ServiceProcess; scripts?: string } = {};
try {
  await run(config);
} catch (error: unknown) {
  if (!(error instanceof HarnessError)) throw error;
  process.stderr.write(`${script}: ${error.code}: ${error.message}\n`);
  process.exitCode = error.exitCode;
} finally {
  await opened.service?.stop().catch(() => undefined);
  await opened.db?.end().catch(() => undefined);
  if (opened.scripts !== undefined) await rm(opened.scripts, { recursive: true, force: true });
  await provider.down();
  await cleanupAll();
}

async function run(config: Readonly<ProfileSaturationConfig>): Promise<void> {
  const loadAtStart = loadavg();
  progress(
    `${config.referrals} referrals, seed ${config.seed}, ${config.students} students, ${config.rounds} rounds of ${config.seconds} s at ${config.connections.join(', ')} connections a side, load average ${loadAtStart[0]!.toFixed(2)} at start`,
  );
  progress('starting embedded PostgreSQL');
  const stack = await provider.up();
  const name = uniqueDatabaseName('rb_bench_saturation');
  progress(`seeding ${config.referrals} referrals (seed ${config.seed})`);
  const seedStarted = performance.now();
  await ensureSeededDatabase({
    adminUrl: stack.adminUrl,
    targetName: name,
    referrals: config.referrals,
    seed: config.seed,
  });
  progress(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  const databaseUrl = withDatabase(stack.adminUrl, name);
  const db = new pg.Client({ connectionString: databaseUrl });
  // On a failure the server stops under this client; that must not become a second, unhandled error.
  db.on('error', () => undefined);
  opened.db = db;
  await db.connect();
  const settleStarted = performance.now();
  const settled = await settleWrites(db);
  progress(
    `checkpoint after seeding: ${settled.settled ? 'done' : `not done (${settled.why})`} in ${((performance.now() - settleStarted) / 1000).toFixed(1)} s`,
  );

  const organizationId = await largestOrganization(db);
  const studentIds = await studentsOf(db, organizationId, config.students);
  progress(`the largest school ${organizationId}: ${studentIds.length} students drawn by md5(id)`);
  await assertProfiles(db, organizationId, studentIds);

  const secret = randomBytes(32).toString('base64url');
  const codec = createTokenCodec(secret);
  const service = await startServiceProcess({ databaseUrl, tokenSecret: secret });
  opened.service = service;
  progress(`service up at ${service.url}`);
  const requests = serviceRequests(organizationId, studentIds, codec, config.seed);
  await assertUncached(service.url, requests, studentIds.length);

  opened.scripts = await mkdtemp(join(tmpdir(), 'rb-profile-saturation-'));
  const pgbench = await pgbenchSetup(stack.adminUrl, name, organizationId, studentIds, opened.scripts);

  // Both sides once before anything is measured: the service's pool opens its connections and
  // prepares its statements, the bench's own code is compiled hot, the server's caches fill.
  const most = config.connections.at(-1)!;
  progress(`warming up: ${warmUpSeconds} s a side at ${most} connections`);
  // wrk's count bound, as the runner's: the longest run's seconds at maxRequestsPerSecond, shared
  // by its (at most two) threads.
  const wrkScript =
    config.client === 'wrk'
      ? await writeWrkScript(
          opened.scripts,
          requests,
          (Math.max(warmUpSeconds, config.seconds) * maxRequestsPerSecond) / wrkThreads(2),
        )
      : '';
  const runService = (connections: number, seconds: number): Promise<ServiceRun> =>
    config.client === 'wrk'
      ? runServiceWrk(config.wrk, service.url, wrkScript, connections, seconds)
      : runServiceRunner(service.url, requests, connections, seconds);
  const warmService = await runService(most, warmUpSeconds);
  const warmPgbench = await runPgbench(config, pgbench, most, warmUpSeconds);
  progress(`warm-up: service ${warmService.rate.toFixed(0)} req/s, pgbench ${warmPgbench.tps.toFixed(0)} tps`);

  const order = new Prng(config.seed, streams.sideOrder);
  const rounds: {
    round: number;
    runs: { connections: number; first: SideName; service: ServiceRun; pgbench: PgbenchRun; load: number }[];
  }[] = [];
  for (let round = 1; round <= config.rounds; round += 1) {
    const runs: (typeof rounds)[number]['runs'] = [];
    for (const connections of config.connections) {
      const first: SideName = order.chance(0.5) ? 'service' : 'pgbench';
      let serviceRun: ServiceRun | undefined;
      let pgbenchRun: PgbenchRun | undefined;
      for (const side of first === 'service' ? (['service', 'pgbench'] as const) : (['pgbench', 'service'] as const)) {
        if (side === 'service') serviceRun = await runService(connections, config.seconds);
        else pgbenchRun = await runPgbench(config, pgbench, connections, config.seconds);
      }
      const load = loadavg()[0]!;
      progress(
        `round ${round}, ${connections} connections (${first} first): service ${serviceRun!.rate.toFixed(1)} req/s, pgbench ${pgbenchRun!.tps.toFixed(1)} tps, load average ${load.toFixed(2)}${nonOkNote(serviceRun!, pgbenchRun!)}`,
      );
      runs.push({ connections, first, service: serviceRun!, pgbench: pgbenchRun!, load });
    }
    rounds.push({ round, runs });
  }
  const loadAtEnd = loadavg();

  const rates = rounds.map((r) => ({
    service: r.runs.map((x) => x.service.rate),
    pgbench: r.runs.map((x) => x.pgbench.tps),
  }));
  const judgement = judgeSaturation(rates);

  process.stdout.write(
    `${script}: GET /students/:id/profile at saturation against pgbench on the same SQL (goal >= ${saturationGoal}x); ` +
      `${config.referrals} referrals, ${studentIds.length} students of the largest school, ${config.rounds} rounds of ${config.seconds} s a run; ` +
      `load average ${loadAtStart[0]!.toFixed(2)} -> ${loadAtEnd[0]!.toFixed(2)}\n`,
  );
  const fixed = (n: number) => n.toFixed(1);
  console.table(
    rounds.flatMap((r, index) => [
      ...r.runs.map((x) => ({
        round: r.round,
        connections: String(x.connections),
        'service req/s': fixed(x.service.rate),
        'pgbench tps': fixed(x.pgbench.tps),
        ratio: x.pgbench.tps > 0 ? (x.service.rate / x.pgbench.tps).toFixed(3) : '',
        'non-200': Object.values(x.service.non200).reduce((a, b) => a + b, 0),
        'pgbench failed': x.pgbench.failed,
      })),
      {
        round: r.round,
        connections: 'best',
        'service req/s': fixed(Math.max(...rates[index]!.service)),
        'pgbench tps': fixed(Math.max(...rates[index]!.pgbench)),
        ratio: judgement.ratios[index] === null ? '' : judgement.ratios[index]!.toFixed(3),
        'non-200': '',
        'pgbench failed': '',
      },
    ]),
  );
  process.stdout.write(
    `${script}: ratio service/pgbench (best of each round) ${judgement.ratios.map((r) => (r === null ? '-' : r.toFixed(3))).join(', ')}; ` +
      `median ${judgement.median === null ? '-' : judgement.median.toFixed(3)}; ${judgement.verdict} (goal >= ${saturationGoal}x)\n`,
  );

  const report = {
    schemaVersion: 1,
    kind: 'profile-saturation',
    startedAt: started.toISOString(),
    referrals: config.referrals,
    seed: config.seed,
    students: { organizationId, ids: studentIds },
    seconds: config.seconds,
    connections: config.connections,
    goal: saturationGoal,
    service: {
      route: 'GET /students/:studentId/profile',
      client:
        config.client === 'wrk'
          ? `wrk -t min(2, connections) (${config.wrk}), cycling the request sequence`
          : 'the saturation runner (autocannon, closed model, pipelining 1), in the bench process',
      sql: {
        scope: serviceScopeSql,
        statement: serviceProfileSql,
        exchange: 'one extended-protocol exchange, one Sync',
      },
      requestSequence: requests.length,
    },
    pgbench: {
      executable: config.pgbench,
      args: pgbench.args,
      script: pgbench.scriptText,
      variables: pgbench.variables,
    },
    warmUp: {
      seconds: warmUpSeconds,
      connections: most,
      serviceRate: round1(warmService.rate),
      pgbenchTps: round1(warmPgbench.tps),
    },
    rounds: rounds.map((r, index) => ({
      round: r.round,
      runs: r.runs.map((x) => ({
        connections: x.connections,
        first: x.first,
        service: { ...x.service, rate: round1(x.service.rate) },
        pgbench: { ...x.pgbench, tps: round1(x.pgbench.tps) },
        ratio: x.pgbench.tps > 0 ? round3(x.service.rate / x.pgbench.tps) : null,
        loadAverage: round2(x.load),
      })),
      bestServiceRate: round1(Math.max(...rates[index]!.service)),
      bestPgbenchTps: round1(Math.max(...rates[index]!.pgbench)),
      ratio: roundRatio(rates[index]!) === null ? null : round3(roundRatio(rates[index]!)!),
    })),
    median: judgement.median === null ? null : round3(judgement.median),
    verdict: judgement.verdict,
    loadAverage: { before: loadAtStart.map(round2), after: loadAtEnd.map(round2) },
    environment: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown' },
  };
  const out =
    config.out ?? join('reports', 'profile-saturation', `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  progress(`figures written to ${out}`);
}

/** The school the scenarios put first: most students (src/harness/run/scenario-context-loader.ts). */
async function largestOrganization(db: pg.Client): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT o.id FROM organizations o
       LEFT JOIN (SELECT organization_id, count(*) AS n FROM students GROUP BY organization_id) s ON s.organization_id = o.id
      ORDER BY coalesce(s.n, 0) DESC, o.id LIMIT 1`,
  );
  if (rows[0] === undefined) throw badFlag('--referrals', 'the seeded database has no organization; seed more');
  return rows[0].id;
}

/** `count` live students of the organization, the same ones for the same seeded data. */
async function studentsOf(db: pg.Client, organizationId: string, count: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM students WHERE organization_id = $1 AND deleted_at IS NULL ORDER BY md5(id::text) LIMIT $2`,
    [organizationId, count],
  );
  if (rows.length < count)
    throw badFlag('--students', `the largest school has ${rows.length} live students, fewer than ${count}`);
  return rows.map((row) => row.id);
}

/**
 * The pgbench side's SQL, scoped as the service scopes it, gives every student a profile: a
 * NULL (RLS hiding the student, a wrong organization) would be cheaper than the service's work.
 */
async function assertProfiles(db: pg.Client, organizationId: string, studentIds: readonly string[]): Promise<void> {
  await db.query('BEGIN');
  try {
    await db.query(serviceScopeSql, [appRole, organizationId]);
    for (const id of studentIds) {
      const { rows } = await db.query<{ found: boolean }>(
        `SELECT profile IS NOT NULL AS found FROM (${serviceProfileSql}) p`,
        [id, 'true'],
      );
      if (rows[0]?.found !== true)
        throw new HarnessError('BAD_SCENARIO', `student_profile(${id}) is NULL under the service's scope`);
    }
  } finally {
    await db.query('ROLLBACK');
  }
}

/**
 * The service side's requests: `sequenceLength` picks among the students drawn with the seed,
 * each built by the scenarios' profile builder (a student's own token); every connection of the
 * saturation runner cycles through them.
 */
function serviceRequests(
  organizationId: string,
  studentIds: readonly string[],
  codec: ReturnType<typeof createTokenCodec>,
  seed: number,
): LoadRequest[] {
  const context: ScenarioContext = {
    organizations: [
      {
        id: organizationId,
        adminToken: codec.sign({ organizationId, role: 'admin', studentId: undefined }, 6 * 3600),
        students: studentIds.map((id) => ({
          id,
          token: codec.sign({ organizationId, role: 'student', studentId: id }, 6 * 3600),
        })),
        campaignIds: [],
        referralIdsByStatus: { pending: [], contacted: [], enrolled: [], declined: [], expired: [] },
      },
    ],
  };
  const picks = new Prng(seed, streams.picks);
  const build = routeRequests['student-profile'];
  return Array.from({ length: sequenceLength }, (_, iteration) => {
    // With one organization, user index k asks for student k (mod the students).
    const request = build(context, createPrng(seed), { index: picks.int(studentIds.length), iteration });
    if (request === undefined) throw new HarnessError('BAD_SCENARIO', 'student-profile: no request built');
    return { ...request, expectedStatuses: [200] };
  });
}

/** Every student answers 200 once, and from no cache (the route has none: no `x-cache` header). */
async function assertUncached(url: string, requests: readonly LoadRequest[], students: number): Promise<void> {
  const seen = new Set<string>();
  for (const request of requests) {
    if (seen.has(request.path)) continue;
    seen.add(request.path);
    const response = await httpRequest(new URL(request.path, url), { headers: request.headers });
    await response.body.text();
    if (response.statusCode !== 200)
      throw new HarnessError('SERVICE_FAILED', `${request.path} answered ${response.statusCode}, not 200`);
    const cache = response.headers['x-cache'];
    if (cache !== undefined) throw new HarnessError('SERVICE_FAILED', `${request.path} says x-cache: ${String(cache)}`);
  }
  if (seen.size !== students) progress(`the service side's sequence asks for ${seen.size} of ${students} students`);
}

/** The service side driven by wrk: 2xx answers a second, as wrk times its run. */
async function runServiceWrk(
  wrk: string,
  url: string,
  script: string,
  connections: number,
  seconds: number,
): Promise<ServiceRun> {
  const run = await runWrk({ wrk, url, script, connections, seconds });
  const ok = run.total - run.non2xx;
  const non200: Record<string, number> = {};
  if (run.non2xx > 0) non200['non-2xx'] = run.non2xx;
  if (run.socketErrors > 0) non200['socket errors'] = run.socketErrors;
  return {
    rate: run.rate,
    windowOk: ok,
    ok,
    total: run.total,
    non200,
    durationMs: run.durationMs,
    p50Ms: run.p50Ms,
    p99Ms: run.p99Ms,
    generator: undefined,
  };
}

async function runServiceRunner(
  url: string,
  requests: readonly LoadRequest[],
  connections: number,
  seconds: number,
): Promise<ServiceRun> {
  const result = await runSaturation({
    url,
    connections,
    requests,
    durationMs: seconds * 1000,
    maxRequests: seconds * maxRequestsPerSecond,
  });
  const { ok, total, errors } = result.requests;
  // Every answer but a 200 is an error here (expectedStatuses [200]): a second's 200s are its
  // requests less its errors.
  const windowOk = result.timeline
    .filter((point) => point.second < seconds)
    .reduce((sum, point) => sum + point.requests - point.errors, 0);
  return {
    rate: windowOk / seconds,
    windowOk,
    ok,
    total,
    non200: Object.fromEntries(Object.entries(errors).filter(([, n]) => n > 0)),
    durationMs: Math.round(result.durationMs),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    generator: result.generator,
  };
}

/** The script files (one a student), the flags and the environment pgbench runs with. */
async function pgbenchSetup(
  adminUrl: string,
  database: string,
  organizationId: string,
  studentIds: readonly string[],
  directory: string,
): Promise<Pgbench> {
  // `:name` becomes `$n` in prepared mode, its value an untyped text parameter, as node-postgres
  // sends the service's: the prepared text is the service's, byte for byte.
  const scriptOf = (variable: string) =>
    [
      '\\startpipeline',
      `SELECT set_config('role', :role, true), set_config('app.organization_id', :organization_id, true);`,
      `SELECT student_profile(:${variable}, :include_referrals) AS profile;`,
      '\\endpipeline',
      '',
    ].join('\n');
  const variables: Record<string, string> = {
    role: appRole,
    organization_id: organizationId,
    include_referrals: 'true',
  };
  const files: string[] = [];
  for (const [index, id] of studentIds.entries()) {
    const variable = `student_${index}`;
    variables[variable] = id;
    const file = join(directory, `student-${index}.sql`);
    await writeFile(file, scriptOf(variable));
    files.push('-f', `${file}@1`);
  }
  const admin = new URL(adminUrl);
  const args = [
    '-n',
    '-M',
    'prepared',
    '-h',
    admin.hostname,
    '-p',
    admin.port,
    '-U',
    decodeURIComponent(admin.username),
    ...Object.entries(variables).flatMap(([variable, value]) => ['-D', `${variable}=${value}`]),
    ...files,
  ];
  return {
    args: [...args, database],
    env: { ...process.env, PGPASSWORD: decodeURIComponent(admin.password) },
    scriptText: scriptOf('student_0'),
    variables,
  };
}

async function runPgbench(
  config: Readonly<ProfileSaturationConfig>,
  pgbench: Pgbench,
  connections: number,
  seconds: number,
): Promise<PgbenchRun> {
  const database = pgbench.args.at(-1)!;
  const args = [
    ...pgbench.args.slice(0, -1),
    '-c',
    String(connections),
    '-j',
    String(Math.min(2, connections)),
    '-T',
    String(seconds),
    database,
  ];
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(config.pgbench, args, {
      env: pgbench.env,
      timeout: (seconds + 60) * 1000,
      maxBuffer: 16 * 1024 * 1024,
    }));
  } catch (error: unknown) {
    if ((error as { code?: unknown }).code === 'ENOENT')
      throw badFlag('--pgbench', `no such executable: ${config.pgbench}`);
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new HarnessError('PROVIDER_FAILED', `pgbench failed: ${stderr.split('\n').slice(-5).join(' | ')}`, {
      cause: error,
    });
  }
  const tps = /^tps = ([\d.]+) \(without initial connection time\)/m.exec(stdout);
  if (tps === null) throw new HarnessError('PROVIDER_FAILED', `no tps line in pgbench's output:\n${stdout}`);
  const transactions = /^number of transactions actually processed: (\d+)/m.exec(stdout);
  const failed = /^number of failed transactions: (\d+)/m.exec(stdout);
  const latency = /^latency average = ([\d.]+) ms/m.exec(stdout);
  return {
    tps: Number(tps[1]),
    transactions: Number(transactions?.[1] ?? 0),
    failed: Number(failed?.[1] ?? 0),
    latencyMs: latency === null ? null : Number(latency[1]),
  };
}

function nonOkNote(service: ServiceRun, pgbench: PgbenchRun): string {
  const notes: string[] = [];
  const non200 = Object.entries(service.non200);
  if (non200.length > 0) notes.push(`service non-200: ${non200.map(([what, n]) => `${what}:${n}`).join(' ')}`);
  if (pgbench.failed > 0) notes.push(`pgbench failed transactions: ${pgbench.failed}`);
  if (service.generator?.bottleneck) notes.push(`generator bottleneck: ${service.generator.reasons.join('; ')}`);
  return notes.length === 0 ? '' : `; ${notes.join('; ')}`;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function progress(line: string): void {
  process.stderr.write(`[${script}] ${line}\n`);
}
