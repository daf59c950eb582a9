/**
 * What one bulk status change costs on a seeded dataset, two databases side by side (not a test:
 * it prints figures). Two clones of one dataset, A and B; A first runs `--setup-a FILE` and B
 * `--setup-b FILE` (SQL: the function to compare, e.g. `bench/bulk-floors/per-row-savepoints.sql`
 * on A for before/after; without either the run is an A/A comparison, which shows the noise).
 * Then pairs of calls, one on each side in random order, of bulk_process_referrals(ids, target) as
 * the service sends it (its role and organization, the call and the commit in one round trip):
 * call k of both sides moves the same `--size` pending referrals (contacted ones for `--target
 * enrolled`, which pays each one's award) of the largest organization, and
 * no referral is moved twice. The statement's time is taken by the server's clock around the call
 * (the benchmark's `sql ms`); the round trip adds the commit. The paired change is the
 * Hodges-Lehmann estimate of the pairs' log-ratios B/A with its 95% interval.
 *
 *   npx tsx bench/bulk-processing.ts [--referrals 1m] [--calls 40] [--size 100] [--target contacted]
 *     [--setup-a file.sql] [--setup-b file.sql] [--out file.json]
 */
import { randomInt } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { settleWrites } from '../src/core/database-admin.js';
import { hodgesLehmann } from '../src/harness/stats/hodges-lehmann.js';
import { parseWholeNumber } from '../src/core/whole-number.js';
import { flagsOrExit, readFlagFile } from './flags-or-exit.js';
import { parseReferralCount } from '../seed/scale.js';
import { describe, round3, sides, withPairedClones, type PairedClients, type Side } from './paired-clones.js';

const { values: flags } = flagsOrExit('bulk-processing', () =>
  parseArgs({
    options: {
      referrals: { type: 'string', default: '1m' },
      calls: { type: 'string', default: '40' },
      size: { type: 'string', default: '100' },
      target: { type: 'string', default: 'contacted' },
      'setup-a': { type: 'string' },
      'setup-b': { type: 'string' },
      out: { type: 'string' },
    },
  }),
);
// Checked here, before a server starts and two clones are seeded: a bad flag is a usage error.
const [calls, size, setupA, setupB] = flagsOrExit('bulk-processing', () => {
  parseReferralCount(flags.referrals);
  return [
    parseWholeNumber('--calls', flags.calls, 6, 10_000),
    parseWholeNumber('--size', flags.size, 1, 1000),
    readFlagFile('--setup-a', flags['setup-a']),
    readFlagFile('--setup-b', flags['setup-b']),
  ] as const;
});
// Pending referrals can move to any of these; the target is spliced into SQL, so it is checked here.
const targets = ['contacted', 'declined', 'expired', 'enrolled'];
if (!targets.includes(flags.target)) {
  process.stderr.write(`bulk-processing: --target must be one of ${targets.join(', ')}\n`);
  process.exit(2);
}
/** Pairs run before the measured ones, to warm both sides' caches and plans alike. */
const warmUp = 3;

interface Call {
  /** The statement's time by the server's clock. */
  readonly sqlMs: number;
  /** The round trip: the statement, the scoping statements and the commit. */
  readonly roundTripMs: number;
  readonly processed: number;
}

const started = new Date();
await withPairedClones(flags.referrals, 'rb_bench_bulk', progress, run);

async function run(clients: PairedClients): Promise<void> {
  for (const side of sides) {
    const client = clients[side];
    const setup = side === 'A' ? setupA : setupB;
    if (setup !== undefined) {
      progress(`side ${side}: ${side === 'A' ? flags['setup-a'] : flags['setup-b']}`);
      await client.query(setup);
    }
  }

  // The clones' writeback is done before the first pair (one CHECKPOINT flushes the whole server).
  await settleWrites(clients.A);

  // Both clones hold the same rows: the ids are chosen once, in an order fixed by the ids themselves.
  // An enrollment moves contacted referrals (and pays their awards); every other target, pending ones.
  const from = flags.target === 'enrolled' ? 'contacted' : 'pending';
  const {
    rows: [org],
  } = await clients.A.query<{ id: string }>(
    `SELECT organization_id AS id FROM student_referrals WHERE status = $1 AND deleted_at IS NULL
      GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    [from],
  );
  const { rows: pending } = await clients.A.query<{ id: string }>(
    `SELECT id FROM student_referrals WHERE organization_id = $1 AND status = $3 AND deleted_at IS NULL
      ORDER BY md5(id::text) LIMIT $2`,
    [org!.id, (warmUp + calls) * size, from],
  );
  if (pending.length < (warmUp + calls) * size)
    throw new Error(`only ${pending.length} ${from} referrals for ${warmUp + calls} calls of ${size}`);
  const batches = Array.from({ length: warmUp + calls }, (_, k) =>
    pending.slice(k * size, (k + 1) * size).map((row) => row.id),
  );

  const call = async (side: Side, ids: readonly string[]): Promise<Call> => {
    const sent = performance.now();
    const results = (await clients[side].query(
      `BEGIN; SET LOCAL ROLE referral_bench_app; SELECT set_config('app.organization_id', '${org!.id}', true);
       SELECT set_config('bench.started', clock_timestamp()::text, true);
       SELECT processed FROM bulk_process_referrals('{${ids.join(',')}}'::uuid[], '${flags.target}');
       SELECT extract(epoch FROM clock_timestamp() - current_setting('bench.started')::timestamptz) * 1000 AS ms;
       COMMIT`,
    )) as unknown as pg.QueryResult[];
    const roundTripMs = performance.now() - sent;
    // Taken on the server, in microseconds (a timestamptz reaches JavaScript as a Date, whole milliseconds).
    return {
      sqlMs: Number(results[5]!.rows[0]!.ms),
      roundTripMs,
      processed: Number(results[4]!.rows[0]!.processed),
    };
  };

  const pairs: { a: Call; b: Call }[] = [];
  for (const [k, ids] of batches.entries()) {
    const order: Side[] = randomInt(2) === 0 ? ['A', 'B'] : ['B', 'A'];
    const pair = {} as Record<Side, Call>;
    for (const side of order) pair[side] = await call(side, ids);
    if (pair.A.processed !== size || pair.B.processed !== size)
      progress(`call ${k}: A moved ${pair.A.processed}, B ${pair.B.processed} of ${size}`);
    if (k >= warmUp) pairs.push({ a: pair.A, b: pair.B });
  }

  const full = pairs.filter((p) => p.a.processed === size && p.b.processed === size);
  const change = (pick: (c: Call) => number) => {
    const hl = hodgesLehmann(full.map((p) => Math.log(pick(p.b) / pick(p.a))));
    return {
      ratio: round3(Math.exp(hl.estimate)),
      lower: hl.lower === undefined ? null : round3(Math.exp(hl.lower)),
      upper: hl.upper === undefined ? null : round3(Math.exp(hl.upper)),
    };
  };
  const report = {
    schemaVersion: 1,
    kind: 'bulk-processing',
    startedAt: started.toISOString(),
    referrals: flags.referrals,
    seed: 42,
    size,
    target: flags.target,
    setupA: flags['setup-a'] ?? null,
    setupB: flags['setup-b'] ?? null,
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
    fullCalls: full.length,
    sqlMs: { A: describe(full.map((p) => p.a.sqlMs)), B: describe(full.map((p) => p.b.sqlMs)) },
    roundTripMs: { A: describe(full.map((p) => p.a.roundTripMs)), B: describe(full.map((p) => p.b.roundTripMs)) },
    changeBOverA: full.length >= 6 ? { sql: change((c) => c.sqlMs), roundTrip: change((c) => c.roundTripMs) } : null,
    pairs: pairs.map((p) => ({
      aSqlMs: round3(p.a.sqlMs),
      bSqlMs: round3(p.b.sqlMs),
      aRoundTripMs: round3(p.a.roundTripMs),
      bRoundTripMs: round3(p.b.roundTripMs),
    })),
  };

  process.stdout.write(
    `${full.length} pairs of calls that moved ${size} referrals each to ${flags.target} (load average ${report.loadAverage1m})\n`,
  );
  for (const [label, figures] of [
    ['sql', report.sqlMs],
    ['round trip', report.roundTripMs],
  ] as const) {
    for (const side of sides) {
      const s = figures[side];
      process.stdout.write(
        `  ${label} ${side}: p50 ${s.p50Ms} ms  p95 ${s.p95Ms} ms  mean ${s.meanMs} ms  min ${s.minMs} ms  max ${s.maxMs} ms\n`,
      );
    }
  }
  if (report.changeBOverA) {
    const { sql, roundTrip } = report.changeBOverA;
    process.stdout.write(`  B/A sql: x${sql.ratio} [${sql.lower ?? '?'} to ${sql.upper ?? '?'}]\n`);
    process.stdout.write(
      `  B/A round trip: x${roundTrip.ratio} [${roundTrip.lower ?? '?'} to ${roundTrip.upper ?? '?'}]\n`,
    );
  }
  const out = flags.out ?? join('reports', 'bulk-processing', `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  progress(`figures written to ${out}`);
}

function progress(line: string): void {
  process.stderr.write(`[bulk-processing] ${line}\n`);
}
