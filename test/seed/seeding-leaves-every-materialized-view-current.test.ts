import pg from 'pg';
import { expect, it } from 'vitest';
import { seedDataset } from '../../seed/seed-dataset.js';
import { createEmptyDatabase } from '../helpers/database.js';

it('leaves the organization summary and referral analytics views agreeing with the seeded rows', async () => {
  const url = await createEmptyDatabase();
  await seedDataset({ databaseUrl: url, referrals: 2000, seed: 5, variant: 'optimized' });
  const client = new pg.Client(url);
  await client.connect();
  try {
    const { rows: summary } = await client.query<{ organization_id: string; students_total: number; actual: number }>(
      `SELECT o.id AS organization_id, m.students_total,
              (SELECT count(*)::integer FROM students s WHERE s.organization_id = o.id AND s.deleted_at IS NULL) AS actual
         FROM organizations o LEFT JOIN mv_organization_summary m ON m.organization_id = o.id`,
    );
    expect(summary.length).toBeGreaterThan(1);
    for (const row of summary) expect(row.students_total).toBe(row.actual);
    const {
      rows: [analytics],
    } = await client.query<{ viewed: string; actual: string }>(
      `SELECT (SELECT sum(total_referrals) FROM mv_referral_analytics) AS viewed,
              (SELECT count(*) FROM student_referrals WHERE deleted_at IS NULL) AS actual`,
    );
    expect(Number(analytics?.viewed)).toBe(Number(analytics?.actual));
  } finally {
    await client.end();
  }
});
