import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

const statuses = ['pending', 'contacted', 'enrolled', 'declined', 'expired'] as const;
type Status = (typeof statuses)[number];
const allowed = new Set([
  'pending>contacted',
  'contacted>enrolled',
  'pending>declined',
  'contacted>declined',
  'pending>expired',
  'contacted>expired',
]);
/** The allowed path from pending to each status. */
const pathTo: Record<Status, Status[]> = {
  pending: [],
  contacted: ['contacted'],
  enrolled: ['contacted', 'enrolled'],
  declined: ['declined'],
  expired: ['expired'],
};
const pairs = statuses.flatMap((from) =>
  statuses.map((to) => ({
    from,
    to,
    outcome: from === to ? 'no-op' : allowed.has(`${from}>${to}`) ? 'applied' : 'refused with RB409',
  })),
);

async function row(pool: pg.Pool, id: string): Promise<Record<string, unknown>> {
  const {
    rows: [current],
  } = await pool.query<{ r: Record<string, unknown> }>(
    'SELECT to_jsonb(sr) AS r FROM student_referrals sr WHERE id = $1',
    [id],
  );
  return current!.r;
}

describe.each(['optimized', 'baseline'] as const)('status transitions (%s)', (variant) => {
  it.each(pairs)('$from -> $to is $outcome', async ({ from, to, outcome }) => {
    const { pool } = databases[variant];
    const org = await createOrganization(pool);
    const referral = await createReferral(pool, await createStudent(pool, org.id));
    for (const step of pathTo[from])
      await pool.query('UPDATE student_referrals SET status = $2 WHERE id = $1', [referral, step]);
    const before = await row(pool, referral);
    const update = pool.query('UPDATE student_referrals SET status = $2 WHERE id = $1', [referral, to]);

    if (outcome === 'applied') {
      await update;
      expect(await row(pool, referral)).toMatchObject({ status: to });
    } else if (outcome === 'no-op') {
      await update;
      expect(await row(pool, referral)).toEqual(before);
    } else {
      await expect(update).rejects.toMatchObject({ code: 'RB409' });
      expect(await row(pool, referral)).toEqual(before);
    }
  });
});
