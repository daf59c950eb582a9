/**
 * Whether every read route's p95 at the large dataset is within 1.5x of its p95 at the small one,
 * caches off, for the largest school at each size (the goal of docs/performance-floor.md's
 * "Data volume, every read route"; not a test: it prints figures). The data-volume scenario measures each size in its own step, minutes
 * apart and with few requests per route, so machine drift and noise leave that undecided; this
 * bench pairs the sizes instead. One embedded PostgreSQL, two databases seeded with `--seed`
 * (`--small` and `--large` referrals), a CHECKPOINT so the seed's writeback does not run under the
 * timings, and the service as a child process on each. The routes are the data-volume journey's
 * reads with its query flags (`fresh=true` bypasses the dashboard's and the leaderboard's caches,
 * as the scenario does), each request built by the scenarios' own builders for the largest school
 * (the one the endpoint bench picks), its inputs drawn with the seed and the same draws on both
 * sides. `--warm-rounds` rounds over every route on both sides first, then `--rounds` rounds:
 * every route once on each side, one request at a time, the two sides in random order per pair,
 * so drift falls on both alike. Per route: p50 and p95 per side, their ratios large/small, and a
 * 95% bootstrap interval of the p95 ratio; the verdict is "met" or "missed" only when the whole
 * interval is under or over 1.5x (bench/read-route-growth-verdict.ts), else "undecided".
 *
 *   npx tsx bench/read-route-growth.ts [--small 10k] [--large 1m] [--rounds 1500] [--warm-rounds 20] [--seed 42] [--out file.json]
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Pool } from 'undici';
import { HarnessError } from '../src/core/errors.js';
import { settleWrites, uniqueDatabaseName, withDatabase } from '../src/core/database-admin.js';
import { createPrng } from '../src/core/prng-function.js';
import { Prng } from '../src/core/prng.js';
import { cleanupAll } from '../src/harness/stack/cleanup.js';
import { EmbeddedProvider } from '../src/harness/stack/embedded-provider.js';
import { startServiceProcess, type ServiceProcess } from '../src/harness/stack/service-process.js';
import { loadScenarioContext } from '../src/harness/run/scenario-context-loader.js';
import { createTokenCodec } from '../src/service/index.js';
import { ensureSeededDatabase } from '../seed/seed-template.js';
import { bindJourney } from '../scenarios/bind-journey.js';
import { scenario as dataVolume } from '../scenarios/data-volume.scenario.js';
import type { WeightedStep } from '../src/model/load-request.js';
import type { JourneyStep } from '../scenarios/scenario-schema.js';
import { pickEndpointInputs } from './endpoint-inputs.js';
import { flagsOrExit } from './flags-or-exit.js';
import { describe, round3 } from './paired-clones.js';
import { defaultReadRouteGrowthFlags, resolveReadRouteGrowthConfig } from './read-route-growth-config.js';
import type { ReadRouteGrowthConfig } from './read-route-growth-config.js';
import { defaultConfidence, defaultResamples, growthLimit, routeGrowth } from './read-route-growth-verdict.js';

const sizes = ['small', 'large'] as const;
type Size = (typeof sizes)[number];

/** Separate streams of the seed: the warm-up's inputs, the measured ones', and the side order. */
const streams = { warmInputs: 11, inputs: 12, sideOrder: 13 } as const;
/** An id in a path, shown as `:id`. */
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

const config = flagsOrExit('read-route-growth', () => {
  const { 'warm-rounds': warmRounds, ...values } = parseArgs({
    options: {
      small: { type: 'string', default: defaultReadRouteGrowthFlags.small },
      large: { type: 'string', default: defaultReadRouteGrowthFlags.large },
      rounds: { type: 'string', default: defaultReadRouteGrowthFlags.rounds },
      'warm-rounds': { type: 'string', default: defaultReadRouteGrowthFlags.warmRounds },
      seed: { type: 'string', default: defaultReadRouteGrowthFlags.seed },
      out: { type: 'string' },
    },
  }).values;
  return resolveReadRouteGrowthConfig({ ...values, warmRounds });
});

/** The read routes the data-volume scenario times, each with its query (its cache bypassed). */
const journey: readonly JourneyStep[] = dataVolume.journey;

interface Side {
  readonly size: Size;
  readonly referrals: number;
  readonly db: pg.Client;
  readonly school: School;
  readonly steps: readonly WeightedStep[];
  readonly service: ServiceProcess;
  readonly http: Pool;
}

interface School {
  readonly organizationId: string;
  readonly referrals: number;
  readonly students: number;
  /** Its referrals over the dataset's. */
  readonly share: number;
  readonly datasetReferrals: number;
  readonly schools: number;
}

/** What one side answered a route: latencies of its 200s (ms), every status, cache hits. */
interface Answers {
  readonly ms: number[];
  readonly statuses: Record<string, number>;
  cacheHits: number;
}

const started = new Date();
const provider = new EmbeddedProvider();
const opened: { db?: pg.Client; service?: ServiceProcess; http?: Pool }[] = [];
try {
  await run(config);
} catch (error: unknown) {
  if (!(error instanceof HarnessError)) throw error;
  process.stderr.write(`read-route-growth: ${error.code}: ${error.message}\n`);
  process.exitCode = error.exitCode;
} finally {
  for (const side of opened) {
    await side.http?.close().catch(() => undefined);
    await side.service?.stop().catch(() => undefined);
    await side.db?.end().catch(() => undefined);
  }
  await provider.down();
  await cleanupAll();
}

async function run(config: Readonly<ReadRouteGrowthConfig>): Promise<void> {
  const loadAtStart = loadavg()[0]!;
  progress(
    `${config.small} against ${config.large} referrals, seed ${config.seed}, ${config.rounds} rounds (+${config.warmRounds} warm-up), load average ${loadAtStart.toFixed(2)} at start`,
  );
  progress('starting embedded PostgreSQL');
  const stack = await provider.up();
  const secret = randomBytes(32).toString('base64url');
  const codec = createTokenCodec(secret);
  const sign = (claims: { organizationId: string; role: 'student' | 'admin'; studentId?: string }) =>
    codec.sign({ organizationId: claims.organizationId, role: claims.role, studentId: claims.studentId }, 6 * 3600);

  const seeded: { size: Size; referrals: number; db: pg.Client; databaseUrl: string }[] = [];
  for (const size of sizes) {
    const referrals = config[size];
    const name = uniqueDatabaseName(`rb_bench_growth_${size}`);
    progress(`${size}: seeding ${referrals} referrals (seed ${config.seed})`);
    const seedStarted = performance.now();
    await ensureSeededDatabase({ adminUrl: stack.adminUrl, targetName: name, referrals, seed: config.seed });
    progress(`${size}: seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
    const databaseUrl = withDatabase(stack.adminUrl, name);
    const db = new pg.Client({ connectionString: databaseUrl });
    // On a failure the server stops under this client; that must not become a second, unhandled error.
    db.on('error', () => undefined);
    opened.push({ db });
    await db.connect();
    seeded.push({ size, referrals, db, databaseUrl });
  }
  // What seeding and cloning left dirty is written out before anything is timed (see settleWrites).
  await checkpoint(seeded[0]!.db, 'after seeding');

  const sides = {} as Record<Size, Side>;
  for (const [index, { size, referrals, db, databaseUrl }] of seeded.entries()) {
    const context = await loadScenarioContext(db, sign, { seed: config.seed });
    const inputs = pickEndpointInputs(context, config.seed);
    const school = await schoolOf(db, inputs.organizations[0]!.id);
    progress(
      `${size}: the largest school ${school.organizationId} holds ${school.referrals} of ${school.datasetReferrals} referrals (${(school.share * 100).toFixed(2)}%, ${school.schools} schools), ${school.students} students`,
    );
    const service = await startServiceProcess({ databaseUrl, tokenSecret: secret });
    opened[index]!.service = service;
    const http = new Pool(service.url, { connections: 1, pipelining: 1 });
    opened[index]!.http = http;
    progress(`${size}: service up at ${service.url}`);
    sides[size] = { size, referrals, db, school, steps: bindJourney(journey, inputs), service, http };
  }

  const answers = Object.fromEntries(
    journey.map((step) => [step.route, Object.fromEntries(sizes.map((size) => [size, newAnswers()]))]),
  ) as Record<string, Record<Size, Answers>>;
  const paths: Record<string, string> = {};
  const warmAnswers = Object.fromEntries(sizes.map((size) => [size, newAnswers()])) as Record<Size, Answers>;

  /** Sends route `index`'s request to `side`, built from `draw` (the same draw on both sides); returns its answer. */
  const send = async (side: Side, index: number, draw: number, into: Answers): Promise<void> => {
    const request = side.steps[index]!.request(createPrng(draw), { index: draw, iteration: 0 });
    if (request === undefined) throw new HarnessError('BAD_SCENARIO', `${journey[index]!.route}: no request built`);
    paths[journey[index]!.route] ??= `${request.method} ${request.path.replace(uuid, ':id')}`;
    const sentAt = performance.now();
    const response = await side.http.request({ method: request.method, path: request.path, headers: request.headers });
    await response.body.text();
    const elapsed = performance.now() - sentAt;
    into.statuses[response.statusCode] = (into.statuses[response.statusCode] ?? 0) + 1;
    if (response.headers['x-cache'] === 'hit') into.cacheHits += 1;
    if (response.statusCode === 200) into.ms.push(elapsed);
  };

  // Every route on both sides, round after round, before anything is measured: the bench client's
  // code is compiled hot and each server's caches and plans settle (see bench/endpoint-journey.ts).
  progress(`warming: ${config.warmRounds} rounds of ${journey.length} routes on both sides`);
  const warmDraws = new Prng(config.seed, streams.warmInputs);
  for (let round = 0; round < config.warmRounds; round += 1) {
    for (const index of journey.keys()) {
      const draw = warmDraws.uint32();
      for (const size of sizes) await send(sides[size], index, draw, warmAnswers[size]);
    }
  }
  for (const size of sizes) {
    const refused = Object.entries(warmAnswers[size].statuses).filter(([status]) => status !== '200');
    if (refused.length > 0) progress(`${size}: warm-up answered ${refused.map(([s, n]) => `${s}:${n}`).join(' ')}`);
  }
  await checkpoint(seeded[0]!.db, 'after the warm-up');
  const loadAfterWarmUp = loadavg()[0]!;

  progress(`measuring: ${config.rounds} rounds, each route once per side, the sides in random order per pair`);
  const draws = new Prng(config.seed, streams.inputs);
  const order = new Prng(config.seed, streams.sideOrder);
  const tenth = Math.max(1, Math.round(config.rounds / 10));
  for (let round = 0; round < config.rounds; round += 1) {
    for (const [index, step] of journey.entries()) {
      const draw = draws.uint32();
      const pair = order.chance(0.5) ? sizes : ([...sizes].reverse() as Size[]);
      for (const size of pair) await send(sides[size], index, draw, answers[step.route]![size]);
    }
    if ((round + 1) % tenth === 0) progress(`round ${round + 1} of ${config.rounds}, load average ${load()}`);
  }
  const loadAtEnd = loadavg()[0]!;

  const routes = journey.map((step) => {
    const bySize = answers[step.route]!;
    const errors = sizes.reduce(
      (sum, size) =>
        sum +
        Object.entries(bySize[size].statuses)
          .filter(([status]) => status !== '200')
          .reduce((n, [, count]) => n + count, 0),
      0,
    );
    // A cache hit means the route was not measured with its cache off: as wrong as an error.
    const cacheHits = bySize.small.cacheHits + bySize.large.cacheHits;
    const growth = routeGrowth(bySize.small.ms, bySize.large.ms, {
      seed: (config.seed + journey.indexOf(step)) >>> 0,
      errors: errors + cacheHits,
    });
    const side = (size: Size) => ({
      ...describe(bySize[size].ms),
      statuses: bySize[size].statuses,
      cacheHits: bySize[size].cacheHits,
      latenciesMs: bySize[size].ms.map(round3),
    });
    return {
      route: step.route,
      request: paths[step.route] ?? null,
      query: step.query ?? null,
      small: side('small'),
      large: side('large'),
      non200: errors,
      p50Ratio: growth.p50Ratio === null ? null : round3(growth.p50Ratio),
      p95Ratio:
        growth.p95Ratio === null
          ? null
          : {
              estimate: round3(growth.p95Ratio.estimate),
              lower: round3(growth.p95Ratio.lower),
              upper: round3(growth.p95Ratio.upper),
            },
      verdict: growth.verdict,
    };
  });

  const schoolLine = (size: Size) => {
    const school = sides[size].school;
    return `${size} ${sides[size].referrals}: school ${school.organizationId.slice(0, 8)} ${school.referrals} referrals (${(school.share * 100).toFixed(2)}%)`;
  };
  process.stdout.write(
    `read-route-growth: p95 at ${config.large} within ${growthLimit}x of p95 at ${config.small} referrals, caches off; ` +
      `${config.rounds} paired rounds (+${config.warmRounds} warm-up), seed ${config.seed}; load average ${loadAtStart.toFixed(2)} -> ${loadAtEnd.toFixed(2)}\n` +
      `the largest school: ${schoolLine('small')}; ${schoolLine('large')}\n`,
  );
  console.table(
    routes.map((r) => ({
      route: r.route,
      'small p50': r.small.p50Ms.toFixed(2),
      'small p95': r.small.p95Ms.toFixed(2),
      'large p50': r.large.p50Ms.toFixed(2),
      'large p95': r.large.p95Ms.toFixed(2),
      'p50 growth': r.p50Ratio === null ? '' : `x${r.p50Ratio.toFixed(2)}`,
      'p95 growth [95%]':
        r.p95Ratio === null
          ? ''
          : `x${r.p95Ratio.estimate.toFixed(2)} [${r.p95Ratio.lower.toFixed(2)}-${r.p95Ratio.upper.toFixed(2)}]`,
      verdict: r.verdict,
      'non-200': r.non200,
    })),
  );
  const tally = Object.entries(
    routes.reduce<Record<string, number>>((t, r) => ({ ...t, [r.verdict]: (t[r.verdict] ?? 0) + 1 }), {}),
  )
    .map(([verdict, n]) => `${n} ${verdict}`)
    .join(', ');
  process.stdout.write(`read-route-growth: ${tally} (of ${routes.length} read routes)\n`);

  const report = {
    schemaVersion: 1,
    kind: 'read-route-growth',
    startedAt: started.toISOString(),
    sizes: { small: config.small, large: config.large },
    seed: config.seed,
    rounds: config.rounds,
    warmRounds: config.warmRounds,
    limit: growthLimit,
    bootstrap: {
      resamples: defaultResamples,
      confidence: defaultConfidence,
      seed: config.seed,
      perRoute: 'seed + the route index',
    },
    schools: { small: sides.small.school, large: sides.large.school },
    loadAverage: {
      start: round2(loadAtStart),
      afterWarmUp: round2(loadAfterWarmUp),
      end: round2(loadAtEnd),
    },
    environment: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown' },
    routes,
  };
  const out = config.out ?? join('reports', 'read-route-growth', `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  progress(`figures written to ${out}`);
}

function newAnswers(): Answers {
  return { ms: [], statuses: {}, cacheHits: 0 };
}

/** A CHECKPOINT is server-wide: one client flushes both databases. */
async function checkpoint(db: pg.Client, when: string): Promise<void> {
  const settleStarted = performance.now();
  const settled = await settleWrites(db);
  progress(
    `checkpoint ${when}: ${settled.settled ? 'done' : `not done (${settled.why})`} in ${((performance.now() - settleStarted) / 1000).toFixed(1)} s`,
  );
}

/** The school's referrals and students, and its share of the dataset's referrals (as the database owner). */
async function schoolOf(db: pg.Client, organizationId: string): Promise<School> {
  const {
    rows: [row],
  } = await db.query<{ referrals: string; students: string; total: string; schools: string }>(
    `SELECT (SELECT count(*) FROM student_referrals WHERE organization_id = $1 AND deleted_at IS NULL) AS referrals,
            (SELECT count(*) FROM students WHERE organization_id = $1 AND deleted_at IS NULL) AS students,
            (SELECT count(*) FROM student_referrals WHERE deleted_at IS NULL) AS total,
            (SELECT count(*) FROM organizations) AS schools`,
    [organizationId],
  );
  const referrals = Number(row!.referrals);
  const total = Number(row!.total);
  return {
    organizationId,
    referrals,
    students: Number(row!.students),
    share: total === 0 ? 0 : Math.round((referrals / total) * 1e6) / 1e6,
    datasetReferrals: total,
    schools: Number(row!.schools),
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function load(): string {
  return loadavg()[0]!.toFixed(2);
}

function progress(line: string): void {
  process.stderr.write(`[read-route-growth] ${line}\n`);
}
