/**
 * What summing the shorter side saves the rank (not a test: it prints figures). Two clones of one
 * seeded dataset: A runs `bench/rank-floors/one-side-histogram.sql` (the rank summing every total
 * above the student's), B is as migrated (the totals above, or the organization's count less the
 * totals at or below, whichever side spans fewer).
 * Input: `--students` students of the largest organization, drawn by a fixed hash of their ids, so
 * their totals follow the school's (most students hold few points). Two measurements, each in
 * paired rounds (bench/paired-clones.ts): `organization_points_rank` of each drawn student's
 * total, and the whole `student_profile` of each, which shows the rank inside the profile route's
 * statement.
 *
 *   npx tsx bench/points-rank.ts [--referrals 1m] [--rounds 10] [--students 200] [--out file.json]
 */
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { settleWrites } from '../src/core/database-admin.js';
import { parseWholeNumber } from '../src/core/whole-number.js';
import { parseReferralCount } from '../seed/scale.js';
import { flagsOrExit } from './flags-or-exit.js';
import { type PairedClients, pairedRounds, pairedSeed, withPairedClones } from './paired-clones.js';

const { values: flags } = flagsOrExit('points-rank', () =>
  parseArgs({
    options: {
      referrals: { type: 'string', default: '1m' },
      rounds: { type: 'string', default: '10' },
      students: { type: 'string', default: '200' },
      out: { type: 'string' },
    },
  }),
);
const [, rounds, students] = flagsOrExit('points-rank', () => [
  // Checked here, before a server starts: a bad count is a usage error, not a failure part way.
  parseReferralCount(flags.referrals),
  parseWholeNumber('--rounds', flags.rounds, 6, 1000),
  parseWholeNumber('--students', flags.students, 1, 10_000),
]);
const setupA = new URL('./rank-floors/one-side-histogram.sql', import.meta.url);

const started = new Date();
await withPairedClones(flags.referrals, 'rb_bench_rank', progress, run);

async function run(clients: PairedClients): Promise<void> {
  await clients.A.query(await readFile(setupA, 'utf8'));
  await settleWrites(clients.A);

  // Both clones hold the same rows: the inputs are read once.
  const {
    rows: [inputs],
  } = await clients.A.query<{ organization: string; ids: string[]; totals: number[]; distinctTotals: number }>(
    `WITH org AS (SELECT organization_id AS id FROM student_referrals GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1),
          drawn AS (SELECT ur.user_id, ur.total_points FROM user_rankings ur, org
                     WHERE ur.organization_id = org.id ORDER BY md5(ur.user_id::text) LIMIT $1)
     SELECT org.id AS organization, array_agg(d.user_id) AS ids, array_agg(d.total_points) AS totals,
            (SELECT count(*)::integer FROM ranking_points_histogram h WHERE h.organization_id = org.id) AS "distinctTotals"
       FROM org, drawn d GROUP BY org.id`,
    [students],
  );
  const { organization, ids, totals, distinctTotals } = inputs!;
  const sorted = [...totals].sort((x, y) => x - y);
  progress(
    `largest organization: ${distinctTotals} distinct totals; the drawn students' totals: median ${sorted[Math.floor(sorted.length / 2)]}, max ${sorted.at(-1)}`,
  );

  const measurements = [
    {
      name: 'organization_points_rank',
      block: `DO $$ DECLARE t integer; BEGIN FOREACH t IN ARRAY '{${totals.join(',')}}'::integer[] LOOP PERFORM organization_points_rank('${organization}', t); END LOOP; END $$`,
    },
    {
      name: 'student_profile',
      block: `DO $$ DECLARE s uuid; BEGIN FOREACH s IN ARRAY '{${ids.join(',')}}'::uuid[] LOOP PERFORM student_profile(s); END LOOP; END $$`,
    },
  ];
  const results = [];
  for (const { name, block } of measurements) {
    results.push({ function: name, ...(await pairedRounds(clients, organization, block, ids.length, rounds)) });
    progress(`${name}: done`);
  }

  process.stdout.write(
    `points-rank: ${flags.referrals} referrals, ${rounds} paired rounds of ${ids.length} students, load average ${loadavg()[0]!.toFixed(2)}\n`,
  );
  console.table(
    results.map((r) => ({
      function: r.function,
      'totals above ms/call': r.aMsPerCall,
      'shorter side ms/call': r.bMsPerCall,
      'shorter / above': `x${r.ratio} [${r.lower ?? '?'} to ${r.upper ?? '?'}]`,
    })),
  );
  const report = {
    schemaVersion: 1,
    kind: 'points-rank',
    startedAt: started.toISOString(),
    referrals: flags.referrals,
    seed: pairedSeed,
    rounds,
    students: ids.length,
    organization,
    distinctTotals,
    results,
  };
  const out = flags.out ?? join('reports', 'points-rank', `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  progress(`figures written to ${out}`);
}

function progress(line: string): void {
  process.stderr.write(`[points-rank] ${line}\n`);
}
