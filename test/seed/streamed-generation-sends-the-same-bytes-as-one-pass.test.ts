import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { BinaryRowWriter } from '../../seed/binary-row-writer.js';
import type { CopyTable } from '../../seed/copy-loader.js';
import type { Achievement } from '../../seed/generate-awards.js';
import { draftOrganizations, generateDataset } from '../../seed/generate-dataset.js';
import { RowWriter } from '../../seed/row-writer.js';
import { planScale } from '../../seed/scale.js';
import { streamDataset } from '../../seed/stream-dataset.js';

/** The sha256 of a table's COPY bytes, written as the loader writes them: waiting for rows not generated yet. */
async function copyHash(table: CopyTable): Promise<string> {
  const out = table.format === 'binary' ? new BinaryRowWriter().header() : new RowWriter();
  const write = table.write as (out: RowWriter | BinaryRowWriter, index: number) => void;
  const hash = createHash('sha256');
  let ready = table.rowsReady ? 0 : table.rowCount;
  for (let i = 0; i < table.rowCount; i += 1) {
    if (i >= ready) ready = await table.rowsReady!(i + 1);
    if (out.full(4096)) hash.update(out.take());
    write(out, i);
  }
  if (out instanceof BinaryRowWriter) {
    if (out.full(2)) hash.update(out.take());
    out.trailer();
  }
  return hash.update(out.take()).digest('hex');
}

async function hashes(tables: readonly CopyTable[]): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t.name, await copyHash(t)] as const)));
}

it.each([
  { referrals: 3_000, seed: 3, runLength: 1 },
  { referrals: 20_000, seed: 42, runLength: 777 },
])(
  'the referrals of $referrals, sent run by run ($runLength per run) while drawn and awarded, and every other table come out byte for byte as from one pass',
  async ({ referrals, seed, runLength }) => {
    const plan = planScale(referrals);
    const draft = draftOrganizations(seed, plan);
    // stand-ins for the trigger-made achievements, at the thresholds the awards look for
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
    const onePass = await hashes(generateDataset(seed, plan, draft, achievements).tables);
    const streamed = streamDataset(seed, plan, draft, achievements, undefined, runLength);
    // the referrals are hashed while the generation runs, the rest once it ends
    const [first, rest] = await Promise.all([hashes(streamed.first), streamed.rest.then(hashes)]);
    expect({ ...first, ...rest }).toEqual(onePass);
    expect(Object.keys(onePass)).toHaveLength(6);
  },
);
