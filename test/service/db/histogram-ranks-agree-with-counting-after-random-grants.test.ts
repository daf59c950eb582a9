import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createStudent } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const { pool } = await createTestDatabase('optimized');
checkInvariantsAfterEach(pool);

describe('organization_points_rank on the optimized variant (from the points histogram)', () => {
  it('gives every student the rank a count over user_rankings gives, after grants up and down', async () => {
    const org = await createOrganization(pool);
    const students = [];
    for (let i = 0; i < 12; i += 1) students.push(await createStudent(pool, org.id));
    const grants = fc.sample(fc.tuple(fc.nat({ max: students.length - 1 }), fc.integer({ min: -20, max: 60 })), {
      numRuns: 80,
      seed: 7,
    });
    for (const [who, points] of grants) {
      await pool.query(`SELECT grant_points($1, $2, $3, 'behaviour', NULL, NULL)`, [org.id, students[who]!.id, points]);
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
  });
});
