import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inShare, shareOf } from '../../../src/harness/run/generator-share.js';
import { loadScenarioContext } from '../../../src/harness/run/scenario-context-loader.js';
import type { Queryable } from '../../../src/service/index.js';

const pool = Array.from({ length: 6000 }, () => randomUUID());

describe('generator shares (--generator i/n)', () => {
  it.each([1, 2, 3, 7])('put every id in exactly one of %i shares, each holding a fair part of the pool', (count) => {
    const shares = Array.from(
      { length: count },
      (_, i) => new Set(pool.filter((id) => inShare(id, { index: i + 1, count }))),
    );
    for (const id of pool)
      expect(
        shares.filter((share) => share.has(id)),
        id,
      ).toHaveLength(1);
    expect(shares.flatMap((share) => [...share]).sort()).toEqual([...pool].sort());
    for (const share of shares) expect(share.size).toBeGreaterThan((pool.length / count) * 0.8);
  });
});

/** A seeded organization as the context loader reads it: 600 ranked students and 900 referrals a status. */
const students = Array.from({ length: 600 }, () => randomUUID());
const referrals = Array.from({ length: 900 }, () => randomUUID());
/** Answers the loader's queries as PostgreSQL would, the share kept by shareOf() (postgresql-puts-each-id-in-the-generator-share-the-harness-does.test.ts checks the SQL). */
const database: Queryable = {
  query: (async (text: string, values: unknown[] = []) => {
    const [limit, count, index] = values.slice(-3).map(Number) as [number, number, number];
    const mine = (ids: readonly string[]) =>
      ids
        .filter((id) => shareOf(id, count) === index)
        .slice(0, limit)
        .map((id) => ({ id }));
    if (/FROM organizations/.test(text)) return { rows: [{ id: 'org-1' }] };
    if (/FROM referral_campaigns/.test(text)) return { rows: [{ id: 'campaign-1' }] };
    if (/FROM students/.test(text)) return { rows: mine(students) };
    return { rows: mine(referrals) };
  }) as Queryable['query'],
};

it("gives each of n generators' contexts only its own students and referrals, as many as one generator alone gets", async () => {
  const options = { studentsPerOrganization: 100, referralsPerStatus: 150, seed: 42 };
  const contexts = await Promise.all(
    [1, 2, 3].map((index) => loadScenarioContext(database, () => 'token', { ...options, share: { index, count: 3 } })),
  );
  const studentIds = contexts.map((context) => context.organizations[0]?.students.map((student) => student.id) ?? []);
  const pendingIds = contexts.map((context) => context.organizations[0]?.referralIdsByStatus.pending ?? []);
  for (const ids of [studentIds, pendingIds]) {
    const all = ids.flat();
    expect(new Set(all).size).toBe(all.length);
  }
  for (const [i, ids] of studentIds.entries()) {
    expect(ids).toHaveLength(100);
    for (const id of ids) expect(shareOf(id, 3)).toBe(i + 1);
  }
  for (const ids of pendingIds) expect(ids).toHaveLength(150);
  // Organizations and their campaigns are everyone's.
  for (const context of contexts) expect(context.organizations[0]?.campaignIds).toEqual(['campaign-1']);
});
