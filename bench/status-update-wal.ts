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
 * call's WAL runs from the server's WAL position before it to the flushed position after it; a
 * checkpoint that starts during the pairs would make B's changes first touches again, and the
 * bench says so. The paired change is the Hodges-Lehmann estimate of the pairs' round-trip
 * log-ratios B/A with its 95% interval. After the pairs, A's calls' WAL is read back
 * (pg_walinspect) and its full-page images are counted by relation: which pages a first touch
 * writes whole.
 *
 * With `--batch N`, each change is a bulk enrollment instead: bulk_process_referrals moving N
 * contacted referrals to enrolled (and paying their awards), `--updates` of them.
 *
 *   npx tsx bench/status-update-wal.ts [--referrals 1m] [--updates 300] [--batch 100]
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
  parseArgs({
    options: {
      referrals: { type: 'string', default: '1m' },
      updates: { type: 'string', default: '300' },
      batch: { type: 'string' },
    },
  }),
);
const [updates, batch] = flagsOrExit('status-update-wal', () => {
  parseReferralCount(flags.referrals);
  return [
    parseWholeNumber('--updates', flags.updates, 20, 10_000),
    flags.batch === undefined ? undefined : parseWholeNumber('--batch', flags.batch, 1, 1000),
  ];
});
/** A single update moves a pending referral to contacted; a batch moves contacted ones to enrolled. */
const from = batch === undefined ? 'pending' : 'contacted';

interface Call {
  readonly ms: number;
  readonly walBytes: number;
  /** The call's WAL, from the insert position before it to the flush position after its commit. */
  readonly from: string;
  readonly to: string;
}

/** What the calls' WAL holds for one relation, summed over the calls. */
interface RelationWal {
  readonly relation: string;
  readonly fullPageImages: number;
  readonly imageBytes: number;
}

await withPairedClones(flags.referrals, 'rb_bench_wal', progress, async (clients) => {
  const {
    rows: [org],
  } = await clients.A.query<{ id: string }>(
    `SELECT organization_id AS id FROM student_referrals WHERE status = $1 AND deleted_at IS NULL
      GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    [from],
  );
  const { rows: found } = await clients.A.query<{ id: string }>(
    `SELECT id FROM student_referrals WHERE organization_id = $1 AND status = $3 AND deleted_at IS NULL
      ORDER BY md5(id::text) LIMIT $2`,
    [org!.id, updates * (batch ?? 1), from],
  );
  if (found.length < updates * (batch ?? 1))
    throw new Error(`only ${found.length} ${from} referrals for ${updates} changes of ${batch ?? 1}`);
  // What each change moves: one referral, or a batch of them.
  const rows = Array.from({ length: updates }, (_, k) => ({
    id: found.slice(k * (batch ?? 1), (k + 1) * (batch ?? 1)).map((row) => row.id),
  }));

  const change = (ids: readonly string[]) =>
    `SELECT set_config('role', 'referral_bench_app', true), set_config('app.organization_id', $$${org!.id}$$, true);
     ${
       batch === undefined
         ? `SELECT status FROM update_referral_status('${ids[0]}', 'contacted', NULL, NULL)`
         : `SELECT processed FROM bulk_process_referrals('{${ids.join(',')}}'::uuid[], 'enrolled')`
     }`;
  const call = async (client: pg.Client, id: readonly string[]): Promise<Call> => {
    const {
      rows: [before],
    } = await client.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
    const sent = performance.now();
    await client.query(`BEGIN; ${change(id)}; COMMIT`);
    const ms = performance.now() - sent;
    // The flush position: pg_walinspect reads no further, and the commit flushed all of the call's WAL.
    const {
      rows: [wal],
    } = await client.query<{ bytes: string; lsn: string }>(
      'SELECT pg_current_wal_flush_lsn()::text AS lsn, pg_wal_lsn_diff(pg_current_wal_flush_lsn(), $1)::text AS bytes',
      [before!.lsn],
    );
    return { ms, walBytes: Number(wal!.bytes), from: before!.lsn, to: wal!.lsn };
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
    `${pairs.length} pairs of ${batch === undefined ? 'status updates' : `bulk enrollments of ${batch}`} at ${flags.referrals} referrals (load average ${loadavg()[0]!.toFixed(2)})\n`,
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

  // Whose pages the first touches wrote whole, read back from the WAL after the timing is done.
  const { relations, read } = await walByRelation(
    clients.A,
    pairs.map((p) => p.a),
  );
  process.stdout.write(`  A's full-page images by relation, a call on average (${read} calls read back):\n`);
  for (const r of relations.filter((r) => r.fullPageImages > 0))
    process.stdout.write(
      `    ${r.relation}: ${(r.fullPageImages / read).toFixed(1)} images, ${(r.imageBytes / 1024 / read).toFixed(1)} kB\n`,
    );
});

/**
 * Sums what the calls' WAL ranges hold, by relation (pg_walinspect's block references: every
 * block a record changes, with its full-page image if it carries one). Another session's records
 * in a range (autovacuum's, say) count too; a range whose WAL is already recycled is skipped.
 */
async function walByRelation(
  client: pg.Client,
  calls: readonly Call[],
): Promise<{ relations: RelationWal[]; read: number }> {
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_walinspect');
  const sums = new Map<string, { fullPageImages: number; imageBytes: number }>();
  let skipped = 0;
  for (const call of calls) {
    try {
      const { rows } = await client.query<{ relation: string; images: string; bytes: string }>(
        `SELECT coalesce(c.relname, b.relfilenode::text) AS relation, count(*) FILTER (WHERE b.block_fpi_length > 0) AS images,
                coalesce(sum(b.block_fpi_length), 0) AS bytes
           FROM pg_get_wal_block_info($1::pg_lsn, $2::pg_lsn) b
           LEFT JOIN pg_class c ON c.relfilenode = b.relfilenode AND b.reldatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
          GROUP BY 1`,
        [call.from, call.to],
      );
      for (const row of rows) {
        const sum = sums.get(row.relation) ?? { fullPageImages: 0, imageBytes: 0 };
        sum.fullPageImages += Number(row.images);
        sum.imageBytes += Number(row.bytes);
        sums.set(row.relation, sum);
      }
    } catch {
      skipped++;
    }
  }
  if (skipped > 0) process.stdout.write(`  ${skipped} calls' WAL could not be read back (recycled), left out\n`);
  const relations = [...sums.entries()]
    .map(([relation, sum]) => ({ relation, ...sum }))
    .sort((x, y) => y.imageBytes - x.imageBytes);
  return { relations, read: calls.length - skipped };
}

function progress(line: string): void {
  process.stderr.write(`[status-update-wal] ${line}\n`);
}
