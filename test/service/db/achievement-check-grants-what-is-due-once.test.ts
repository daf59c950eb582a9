import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createStudent } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

describe.each(['optimized', 'baseline'] as const)('check_student_achievements (%s)', (variant) => {
  it('grants every points milestone reached, once, and nothing on a second check', async () => {
    const { pool } = databases[variant];
    const org = await createOrganization(pool);
    const student = await createStudent(pool, org.id);
    await pool.query(`SELECT grant_points($1, $2, 1200, 'attendance', NULL, NULL)`, [org.id, student.id]);

    const { rows: first } = await pool.query<{ code: string }>('SELECT code FROM check_student_achievements($1)', [
      student.id,
    ]);
    expect(first.map((r) => r.code)).toEqual(['points-500', 'points-1000']);
    const { rows: second } = await pool.query('SELECT code FROM check_student_achievements($1)', [student.id]);
    expect(second).toEqual([]);
    const {
      rows: [held],
    } = await pool.query<{ n: number }>(
      'SELECT count(*)::integer AS n FROM student_achievements WHERE student_id = $1',
      [student.id],
    );
    expect(held).toEqual({ n: 2 });
  });
});
