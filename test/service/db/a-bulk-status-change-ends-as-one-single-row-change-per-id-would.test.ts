import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent, type StudentFixture } from '../../helpers/fixtures.js';
import { changeBothWays } from './status-changes.js';

async function referralAt(pool: pg.Pool, referrer: StudentFixture, path: readonly string[]): Promise<string> {
  const id = await createReferral(pool, referrer);
  for (const status of path) await pool.query('UPDATE student_referrals SET status = $2 WHERE id = $1', [id, status]);
  return id;
}

describe.each(['optimized', 'baseline'] as const)('bulk_process_referrals (%s)', (variant) => {
  it('counts and changes a mix of ids as one single-row status change per distinct id, in id order, would', async () => {
    const source = await createTestDatabase(variant);
    const { pool } = source;
    const [org, other] = [await createOrganization(pool), await createOrganization(pool)];
    const [first, second] = [await createStudent(pool, org.id), await createStudent(pool, org.id)];
    const pending: string[] = [];
    for (const referrer of [first, first, first, second, second]) pending.push(await referralAt(pool, referrer, []));
    const alreadyContacted = [
      await referralAt(pool, first, ['contacted']),
      await referralAt(pool, second, ['contacted']),
    ];
    const refused = [
      await referralAt(pool, first, ['declined']),
      await referralAt(pool, second, ['contacted', 'enrolled']),
      await referralAt(pool, first, ['expired']),
    ];
    const deleted = await referralAt(pool, first, []);
    await pool.query('UPDATE student_referrals SET deleted_at = now() WHERE id = $1', [deleted]);
    const otherOrganization = await referralAt(pool, await createStudent(pool, other.id), []);
    for (const organizationId of [org.id, other.id])
      await pool.query(
        `INSERT INTO referral_leaderboard_cache VALUES ($1, 'top', '[]', now() + interval '5 minutes')`,
        [organizationId],
      );

    // Repeats too: the same id twice, once in capitals, and a refused id twice.
    const ids = [
      pending[3]!,
      refused[0]!,
      randomUUID(),
      ...alreadyContacted,
      pending[0]!,
      deleted,
      pending[1]!.toUpperCase(),
      otherOrganization,
      ...refused,
      pending[2]!,
      pending[1]!,
      pending[4]!,
    ];
    const outcome = await changeBothWays(source, org.id, ids, 'contacted');

    expect(outcome.bulk).toEqual({ processed: pending.length, failed: 8 });
    expect(outcome.bulk).toEqual(outcome.oneByOne);
    expect(outcome.bulkState).toEqual(outcome.oneByOneState);
  });
});
