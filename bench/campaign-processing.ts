/**
 * What one campaign-processing call costs on a seeded dataset, two databases side by side (not a
 * test: it prints figures). Two clones of one dataset, A and B; B first runs `--setup-b FILE`
 * (SQL: a schema change to compare, or a piece of work taken away to find the floor; without it
 * the run is an A/A comparison, which shows the noise). Then, for each active campaign of the
 * largest organization in start order, pairs of calls, one on each side in random order, of
 * process_referral_campaign(campaign, limit) as the service sends it (its role and organization,
 * the call and the commit in one round trip), while the campaign still has eligible referrals:
 * call k of a campaign attaches the same referrals on both sides. Only calls that attached the
 * full limit are summarised; the paired change is the Hodges-Lehmann estimate of the pairs'
 * log-ratios B/A with its 95% interval. It ends with each side's plan of one more call, rolled back.
 *
 *   npx tsx bench/campaign-processing.ts [--referrals 1m] [--calls 6] [--limit 1000] [--setup-b file.sql] [--out file.json]
 */
import { randomInt } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { hodgesLehmann } from '../src/harness/stats/hodges-lehmann.js';
import { parseWholeNumber } from '../src/core/whole-number.js';
import { flagsOrExit, readFlagFile } from './flags-or-exit.js';
import { parseReferralCount } from '../seed/scale.js';
import { describe, round3, sides, withPairedClones, type PairedClients, type Side } from './paired-clones.js';

const { values: flags } = flagsOrExit('campaign-processing', () =>
  parseArgs({
    options: {
      referrals: { type: 'string', default: '1m' },
      calls: { type: 'string', default: '6' },
      limit: { type: 'string', default: '1000' },
      'setup-b': { type: 'string' },
      out: { type: 'string' },
    },
  }),
);
// Checked here, before a server starts and two clones are seeded: a bad flag is a usage error.
const [callsPerCampaign, limit, setupB] = flagsOrExit('campaign-processing', () => {
  parseReferralCount(flags.referrals);
  return [
    parseWholeNumber('--calls', flags.calls, 1, 10_000),
    parseWholeNumber('--limit', flags.limit, 1, 10_000),
    readFlagFile('--setup-b', flags['setup-b']),
  ] as const;
});

interface Call {
  readonly ms: number;
  readonly applied: number;
}

const started = new Date();
await withPairedClones(flags.referrals, 'rb_bench_campaign', progress, run);

async function run(clients: PairedClients): Promise<void> {
  if (setupB !== undefined) {
    progress(`side B: ${flags['setup-b']}`);
    await clients.B.query(setupB);
  }

  const {
    rows: [org],
  } = await clients.A.query<{ id: string }>(
    'SELECT organization_id AS id FROM student_referrals GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
  );
  const { rows: campaigns } = await clients.A.query<{ id: string; name: string }>(
    'SELECT id, name FROM referral_campaigns WHERE organization_id = $1 AND is_active AND deleted_at IS NULL ORDER BY start_date, id',
    [org!.id],
  );
  const call = async (side: Side, campaignId: string): Promise<Call> => {
    const sent = performance.now();
    const results = (await clients[side].query(
      `BEGIN; SET LOCAL ROLE referral_bench_app; SELECT set_config('app.organization_id', '${org!.id}', true);
       SELECT applied FROM process_referral_campaign('${campaignId}', ${limit}); COMMIT`,
    )) as unknown as pg.QueryResult[];
    const ms = performance.now() - sent;
    return { ms, applied: Number(results[3]!.rows[0]!.applied) };
  };

  const calls: Record<Side, Call[]> = { A: [], B: [] };
  const pairs: { campaign: string; a: Call; b: Call }[] = [];
  for (const campaign of campaigns) {
    for (let k = 0; k < callsPerCampaign; k += 1) {
      const order: Side[] = randomInt(2) === 0 ? ['A', 'B'] : ['B', 'A'];
      const pair = {} as Record<Side, Call>;
      for (const side of order) pair[side] = await call(side, campaign.id);
      calls.A.push(pair.A);
      calls.B.push(pair.B);
      pairs.push({ campaign: campaign.name, a: pair.A, b: pair.B });
      if (pair.A.applied !== pair.B.applied)
        progress(`${campaign.name}: A attached ${pair.A.applied}, B ${pair.B.applied}`);
      if (pair.A.applied < limit && pair.B.applied < limit) break;
    }
  }

  const full = pairs.filter((p) => p.a.applied === limit && p.b.applied === limit);
  const summary = (side: Side) => describe(full.map((p) => (side === 'A' ? p.a : p.b).ms));
  const change = full.length >= 6 ? hodgesLehmann(full.map((p) => Math.log(p.b.ms / p.a.ms))) : undefined;
  const report = {
    schemaVersion: 1,
    kind: 'campaign-processing',
    startedAt: started.toISOString(),
    referrals: flags.referrals,
    seed: 42,
    limit,
    setupB: flags['setup-b'] ?? null,
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
    fullCalls: full.length,
    A: summary('A'),
    B: summary('B'),
    changeBOverA: change && {
      ratio: round3(Math.exp(change.estimate)),
      lower: change.lower === undefined ? null : round3(Math.exp(change.lower)),
      upper: change.upper === undefined ? null : round3(Math.exp(change.upper)),
    },
    pairs: pairs.map((p) => ({ campaign: p.campaign, applied: p.a.applied, aMs: round3(p.a.ms), bMs: round3(p.b.ms) })),
    plans: { A: await plan(clients.A, org!.id, campaigns), B: await plan(clients.B, org!.id, campaigns) },
  };

  process.stdout.write(
    `${full.length} pairs of calls that attached ${limit} referrals each (load average ${report.loadAverage1m})\n`,
  );
  for (const side of sides) {
    const s = report[side];
    process.stdout.write(
      `  ${side}: p50 ${s.p50Ms} ms  p95 ${s.p95Ms} ms  mean ${s.meanMs} ms  min ${s.minMs} ms  max ${s.maxMs} ms\n`,
    );
  }
  if (report.changeBOverA) {
    const c = report.changeBOverA;
    process.stdout.write(`  B/A: x${c.ratio} [${c.lower ?? '?'} to ${c.upper ?? '?'}]\n`);
  }
  for (const side of sides) process.stdout.write(`\nplan of one more call on side ${side}:\n${report.plans[side]}\n`);
  const out =
    flags.out ?? join('reports', 'campaign-processing', `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  progress(`figures written to ${out}`);
}

/**
 * The plans of the function's statements (auto_explain, nested statements included, sent back as
 * notices) for the first campaign that still has eligible referrals; rolled back. Trigger times
 * are left out: the logging of each nested foreign-key check would be counted in them.
 */
async function plan(client: pg.Client, organizationId: string, campaigns: readonly { id: string }[]): Promise<string> {
  const notices: string[] = [];
  const onNotice = (notice: { message?: string }) => {
    notices.push(notice.message ?? '');
  };
  client.on('notice', onNotice);
  try {
    for (const campaign of campaigns) {
      await client.query('BEGIN');
      try {
        await client.query(`LOAD 'auto_explain'`);
        for (const setting of [
          'log_min_duration = 0',
          'log_analyze = on',
          'log_buffers = on',
          'log_wal = on',
          'log_nested_statements = on',
          'log_level = notice',
        ])
          await client.query(`SET LOCAL auto_explain.${setting}`);
        await client.query('SET LOCAL ROLE referral_bench_app');
        await client.query(`SELECT set_config('app.organization_id', $1, true)`, [organizationId]);
        notices.length = 0;
        const {
          rows: [row],
        } = await client.query<{ applied: number }>('SELECT applied FROM process_referral_campaign($1, $2)', [
          campaign.id,
          limit,
        ]);
        if (Number(row?.applied ?? 0) === 0) continue;
        // One foreign-key check per attached referral, each a one-row lookup of the campaign: counted, not printed.
        const checks = notices.filter((n) => n.includes('FOR KEY SHARE OF'));
        return [
          ...notices.filter((n) => !checks.includes(n)),
          `(and ${checks.length} foreign-key checks of the campaign's row, one per attached referral)`,
        ].join('\n\n');
      } finally {
        await client.query('ROLLBACK');
      }
    }
    return '(no campaign left with eligible referrals)';
  } finally {
    client.off('notice', onNotice);
  }
}

function progress(line: string): void {
  process.stderr.write(`[campaign-processing] ${line}\n`);
}
