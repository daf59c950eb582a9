import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createStudent } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

describe.each(['optimized', 'baseline'] as const)('calculate_student_rank (%s)', (variant) => {
  it('ranks students of one school by total points, ties sharing a rank, and stores the rank', async () => {
    const { pool } = databases[variant];
    const org = await createOrganization(pool);
    const students = [
      await createStudent(pool, org.id),
      await createStudent(pool, org.id),
      await createStudent(pool, org.id),
    ];
    for (const [student, points] of [
      [students[0]!, 300],
      [students[1]!, 300],
      [students[2]!, 100],
    ] as const) {
      await pool.query(`SELECT grant_points($1, $2, $3, 'attendance', NULL, NULL)`, [org.id, student.id, points]);
    }
    // a richer student elsewhere does not count
    const elsewhere = await createOrganization(pool);
    await pool.query(`SELECT grant_points($1, $2, 5000, 'homework', NULL, NULL)`, [
      elsewhere.id,
      (await createStudent(pool, elsewhere.id)).id,
    ]);

    const ranks = [];
    for (const student of students)
      ranks.push((await pool.query('SELECT * FROM calculate_student_rank($1)', [student.id])).rows[0]);
    expect(ranks).toEqual([
      { current_rank: 1, total_points: 300 },
      { current_rank: 1, total_points: 300 },
      { current_rank: 3, total_points: 100 },
    ]);
    const { rows: stored } = await pool.query<{ current_rank: number }>(
      'SELECT current_rank FROM user_rankings WHERE user_id = ANY ($1) ORDER BY total_points DESC, current_rank',
      [students.map((s) => s.id)],
    );
    expect(stored.map((r) => r.current_rank)).toEqual([1, 1, 3]);
    await expect(pool.query('SELECT * FROM calculate_student_rank($1)', [randomUUID()])).rejects.toMatchObject({
      code: 'RB404',
    });
  });
});
