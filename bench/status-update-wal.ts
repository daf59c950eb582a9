/**
 * What a status update's commit writes and waits for, first touch against touched again (not a
 * test: it prints figures). After a checkpoint, the first change to a page writes the whole page
 * to the WAL (a full-page image, so crash recovery never sees a torn page); moving a referral from
 * pending to contacted writes a new row version and an entry in each index it stays in (up to
 * five), so a first touch logs several whole pages. Two clones of one seeded dataset, A and B,
 * and `--updates` pending referrals of the largest organization, the same on both. After one
 * CHECKPOINT, B makes each of those changes untimed and rolls it back (its pages, and the index
 * pages the change writes to, are then touched since the checkpoint); then pairs, one call on each
 * side in random order, of the same change on the same referral: update_referral_status as the
 * service scopes it (role and organization, the call and the commit in one round trip). Each
 * call's WAL is the server's WAL position before and after it (nothing else writes meanwhile); a
 * checkpoint that starts during the pairs would make B's changes first touches again, and the
 * bench says so. The paired change is the Hodges-Lehmann estimate of the pairs' round-trip
 * log-ratios B/A with its 95% interval.
 *
 *   npx tsx bench/status-update-wal.ts [--referrals 1m] [--updates 300]
 */
import { randomInt } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { hodgesLehmann } from '../src/harness/stats/hodges-lehmann.js';
import { parseWholeNumber } from '../src/core/whole-number.js';
import { parseReferralCount } from '../seed/scale.js';
import { flagsOrExit } from './flags-or-exit.js';
import { describe, round3, withPairedClones, type Side } from './paired-clones.js';

const { values: flags } = flagsOrExit('status-update-wal', () =>
  parseArgs({ options: { referrals: { type: 'string', default: '1m' }, updates: { type: 'string', default: '300' } } }),
);
const updates = flagsOrExit('status-update-wal', () => {
  parseReferralCount(flags.referrals);
  return parseWholeNumber('--updates', flags.updates, 20, 10_000);
});

interface Call {
  readonly ms: number;
  readonly walBytes: number;
}

await withPairedClones(flags.referrals, 'rb_bench_wal', progress, async (clients) => {
  const {
    rows: [org],
  } = await clients.A.query<{ id: string }>(
    `SELECT organization_id AS id FROM student_referrals WHERE status = 'pending' AND deleted_at IS NULL
      GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  const { rows } = await clients.A.query<{ id: string }>(
    `SELECT id FROM student_referrals WHERE organization_id = $1 AND status = 'pending' AND deleted_at IS NULL
      ORDER BY md5(id::text) LIMIT $2`,
    [org!.id, updates],
  );
  if (rows.length < updates) throw new Error(`only ${rows.length} pending referrals for ${updates} updates`);

  const change = (id: string) =>
    `SELECT set_config('role', 'referral_bench_app', true), set_config('app.organization_id', $$${org!.id}$$, true);
     SELECT status FROM update_referral_status('${id}', 'contacted', NULL, NULL)`;
  const call = async (client: pg.Client, id: string): Promise<Call> => {
    const {
      rows: [before],
    } = await client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    const sent = performance.now();
    await client.query(`BEGIN; ${change(id)}; COMMIT`);
    const ms = performance.now() - sent;
    const {
      rows: [wal],
    } = await client.query<{ bytes: string }>('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::text AS bytes', [
      before!.lsn,
    ]);
    return { ms, walBytes: Number(wal!.bytes) };
  };

  const redo = async () =>
    (await clients.A.query<{ lsn: string }>('SELECT redo_lsn::text AS lsn FROM pg_control_checkpoint()')).rows[0]!.lsn;
  progress('CHECKPOINT, then B makes every change once and rolls it back (untimed)');
  await clients.A.query('CHECKPOINT');
  const checkpoint = await redo();
  for (const { id } of rows) await clients.B.query(`BEGIN; ${change(id)}; ROLLBACK`);

  const pairs: { a: Call; b: Call }[] = [];
  for (const { id } of rows) {
    const order: Side[] = randomInt(2) === 0 ? ['A', 'B'] : ['B', 'A'];
    const pair = {} as Record<Side, Call>;
    for (const side of order) pair[side] = await call(clients[side], id);
    pairs.push({ a: pair.A, b: pair.B });
  }

  if ((await redo()) !== checkpoint)
    process.stdout.write(
      '  a checkpoint started during the pairs: changes after it were first touches on both sides\n',
    );
  const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
  const hl = hodgesLehmann(pairs.map((p) => Math.log(p.b.ms / p.a.ms)));
  const interval = `[${hl.lower === undefined ? '?' : round3(Math.exp(hl.lower))} to ${hl.upper === undefined ? '?' : round3(Math.exp(hl.upper))}]`;
  process.stdout.write(
    `${pairs.length} pairs of status updates at ${flags.referrals} referrals (load average ${loadavg()[0]!.toFixed(2)})\n`,
  );
  for (const [label, side] of [
    ['A, first touch since the checkpoint', 'a'],
    ['B, touched since the checkpoint by the same change, rolled back', 'b'],
  ] as const) {
    const ms = describe(pairs.map((p) => p[side].ms));
    const kB = median(pairs.map((p) => p[side].walBytes)) / 1024;
    process.stdout.write(
      `  ${label}: WAL ${kB.toFixed(1)} kB a commit (median), round trip p50 ${ms.p50Ms} ms p95 ${ms.p95Ms} ms\n`,
    );
  }
  process.stdout.write(`  B/A round trip: x${round3(Math.exp(hl.estimate))} ${interval}\n`);
});

function progress(line: string): void {
  process.stderr.write(`[status-update-wal] ${line}\n`);
}
