import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDataset } from '../../seed/seed-dataset.js';
import { createEmptyDatabase } from '../helpers/database.js';

// Uniform data hides the hot spots real indexes and caches must survive; these pin the skew down.
describe('a seeded dataset', () => {
  let client: pg.Client;
  beforeAll(async () => {
    const url = await createEmptyDatabase();
    await seedDataset({ databaseUrl: url, referrals: 2000, seed: 9 });
    client = new pg.Client(url);
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
  });

  it('has one dominant school, heavy-tailed referrers, a school-like status mix and term-start peaks', async () => {
    const {
      rows: [shape],
    } = await client.query<Record<string, number>>(`
      WITH per_org AS (SELECT organization_id, count(*) AS n FROM student_referrals GROUP BY organization_id),
           per_referrer AS (SELECT s.id, count(sr.id) AS n FROM students s
                              LEFT JOIN student_referrals sr ON sr.referrer_student_id = s.id GROUP BY s.id),
           top AS (SELECT n FROM per_referrer ORDER BY n DESC LIMIT greatest(1, (SELECT count(*) FROM per_referrer) / 100))
      SELECT (SELECT max(n)::float / sum(n) FROM per_org) AS largest_org_share,
             (SELECT count(*) FROM per_org)::int AS organizations,
             (SELECT sum(n) FROM top)::float / (SELECT count(*) FROM student_referrals) AS top_1pct_referrer_share,
             (SELECT count(*) FILTER (WHERE n <= 1)::float / count(*) FROM per_referrer) AS students_with_at_most_one,
             (SELECT count(*) FILTER (WHERE status = 'enrolled')::float / count(*) FROM student_referrals) AS enrolled_share,
             (SELECT count(*) FILTER (WHERE status IN ('pending', 'contacted'))::float / count(*) FROM student_referrals) AS open_share,
             (SELECT count(DISTINCT status) FROM student_referrals)::int AS statuses,
             (SELECT count(*) FILTER (WHERE extract(month FROM created_at) IN (8, 9, 1))::float / count(*) FROM student_referrals) AS term_months_share,
             (SELECT (extract(epoch FROM max(created_at) - min(created_at)) / 86400)::float FROM student_referrals) AS days_spanned`);
    expect(shape!.organizations).toBeGreaterThanOrEqual(3);
    expect(shape!.largest_org_share).toBeGreaterThan(0.35);
    expect(shape!.top_1pct_referrer_share).toBeGreaterThan(0.08);
    expect(shape!.students_with_at_most_one).toBeGreaterThan(0.5);
    expect(shape!.enrolled_share).toBeGreaterThan(0.2);
    expect(shape!.enrolled_share).toBeLessThan(0.3);
    expect(shape!.open_share).toBeGreaterThan(0.5);
    expect(shape!.statuses).toBe(5);
    // three months of twelve would hold a quarter if creation were uniform
    expect(shape!.term_months_share).toBeGreaterThan(0.4);
    expect(shape!.days_spanned).toBeGreaterThan(600);
  });
});
