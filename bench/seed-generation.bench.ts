/**
 * The seeder's CPU work, without a database (`npx tsx bench/seed-generation.bench.ts [referrals]`,
 * default 100k): generating the rows column-wise, computing the rankings (competition rank by
 * total points, per organization) and serializing every table's rows into COPY bytes.
 *
 * The real seeder reads the achievements back from the database, where a trigger creates them;
 * here each organization gets stand-ins at the referral thresholds the awards look for (1, 3, 5
 * and 10), which is all the generators read of them.
 */
import { BinaryRowWriter } from '../seed/binary-row-writer.js';
import type { CopyTable } from '../seed/copy-loader.js';
import type { Achievement } from '../seed/generate-awards.js';
import { draftOrganizations, generateColumns, generateDataset } from '../seed/generate-dataset.js';
import { generateRankings } from '../seed/generate-rankings.js';
import { RowWriter } from '../seed/row-writer.js';
import { parseReferralCount, planScale } from '../seed/scale.js';
import { isMain, printBench, type MicroTask } from './micro-task.js';

/** Writes every row of `table` into a writer, handing full chunks back as the loader would. */
function serialize(table: CopyTable): number {
  const out = table.format === 'binary' ? new BinaryRowWriter().header() : new RowWriter();
  const write = table.write as (out: RowWriter | BinaryRowWriter, index: number) => void;
  let bytes = 0;
  for (let i = 0; i < table.rowCount; i += 1) {
    if (out.full(4096)) bytes += out.take().length;
    write(out, i);
  }
  if (out instanceof BinaryRowWriter) out.trailer();
  return bytes + out.take().length;
}

/** The tasks on a dataset of `referrals` (its rows are generated here, once, before any is timed). */
export function seedGenerationTasks(referrals: number): MicroTask[] {
  const seed = 42;
  const plan = planScale(referrals);
  const draft = draftOrganizations(seed, plan);
  const achievements: Achievement[] = draft.organizations.flatMap((_, organization) =>
    [1, 3, 5, 10].map((threshold, i) => ({
      id: `00000000-0000-4000-8000-${String(organization * 10 + i).padStart(12, '0')}`,
      organization,
      code: `referrals_${threshold}`,
      kind: 'referrals' as const,
      threshold,
      pointsReward: threshold * 10,
    })),
  );
  const columns = generateColumns(seed, plan, draft, achievements);
  const { tables } = generateDataset(seed, plan, draft, achievements);
  return [
    {
      name: `generate ${referrals.toLocaleString('en-US')} referrals' rows (column-wise)`,
      fn: () => generateColumns(seed, plan, draft, achievements).ledger.length,
    },
    {
      name: `rank ${columns.students.length.toLocaleString('en-US')} students`,
      fn: () => generateRankings(columns.students, columns.referrals, columns.ledger).currentRank[0],
    },
    ...tables
      .filter((t) => t.rowCount >= 1000)
      .map((table) => ({
        name: `serialize ${table.name} (${table.rowCount.toLocaleString('en-US')} rows, ${table.format ?? 'text'})`,
        fn: () => serialize(table),
      })),
  ];
}

if (isMain(import.meta.url))
  await printBench(seedGenerationTasks(parseReferralCount(process.argv[2] ?? '100k')), { time: 2000, iterations: 3 });
