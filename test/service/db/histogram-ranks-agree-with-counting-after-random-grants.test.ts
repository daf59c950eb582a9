import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createStudent } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const { pool } = await createTestDatabase('optimized');
checkInvariantsAfterEach(pool);

describe('organization_points_rank on the optimized variant (from the points histogram)', () => {
  // The rank sums whichever side of a total spans fewer totals: small and large grants, below zero
  // too, put students' totals on both sides of the middle.
  it.each([
    { grants: 'small', min: -20, max: 60 },
    { grants: 'large', min: -300, max: 500 },
  ])(
    'gives every student the rank a count over user_rankings gives, after $grants grants up and down',
    async ({ min, max }) => {
      const org = await createOrganization(pool);
      const students = [];
      for (let i = 0; i < 12; i += 1) students.push(await createStudent(pool, org.id));
      const grants = fc.sample(fc.tuple(fc.nat({ max: students.length - 1 }), fc.integer({ min, max })), {
        numRuns: 80,
        seed: 7,
      });
      for (const [who, points] of grants) {
        await pool.query(`SELECT grant_points($1, $2, $3, 'behaviour', NULL, NULL)`, [
          org.id,
          students[who]!.id,
          points,
        ]);
      }
      const { rows } = await pool.query<{ fromHistogram: number; counted: number }>(
        `SELECT organization_points_rank(u.organization_id, u.total_points) AS "fromHistogram",
              (SELECT count(*)::integer + 1 FROM user_rankings o WHERE o.organization_id = u.organization_id AND o.total_points > u.total_points) AS counted
         FROM user_rankings u WHERE u.organization_id = $1`,
        [org.id],
      );
      expect(rows).toHaveLength(students.length);
      for (const row of rows) expect(row.fromHistogram).toBe(row.counted);
      expect(new Set(rows.map((r) => r.counted)).size).toBeGreaterThan(3);
      // And every total in between and beyond, on both sides of the middle.
      const { rows: edges } = await pool.query<{ fromHistogram: number; counted: number }>(
        `SELECT organization_points_rank($1, t) AS "fromHistogram",
              (SELECT count(*)::integer + 1 FROM user_rankings o WHERE o.organization_id = $1 AND o.total_points > t) AS counted
         FROM generate_series(-400, 650) t`,
        [org.id],
      );
      for (const row of edges) expect(row.fromHistogram).toBe(row.counted);
    },
  );

  it('gives rank 1 to any total in an organization nobody is ranked in', async () => {
    const org = await createOrganization(pool);
    const { rows } = await pool.query<{ rank: number }>(
      'SELECT organization_points_rank($1, t) AS rank FROM unnest(ARRAY[-5, 0, 100]) t',
      [org.id],
    );
    expect(rows.map((row) => row.rank)).toEqual([1, 1, 1]);
  });
});
