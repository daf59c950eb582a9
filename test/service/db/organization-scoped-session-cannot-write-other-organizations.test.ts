import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent, randomPhone } from '../../helpers/fixtures.js';
import { asOrganization } from './app-session.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

const rlsViolation = { code: '42501' };

describe.each(['optimized', 'baseline'] as const)('row-level security on writes (%s)', (variant) => {
  it('refuses inserts into another organization and updates nothing of its rows', async () => {
    const { pool } = databases[variant];
    const [mine, theirs] = [await createOrganization(pool), await createOrganization(pool)];
    const myStudent = await createStudent(pool, mine.id);
    const theirStudent = await createStudent(pool, theirs.id);
    const theirReferral = await createReferral(pool, theirStudent);
    const {
      rows: [before],
    } = await pool.query('SELECT to_jsonb(sr) AS r FROM student_referrals sr WHERE id = $1', [theirReferral]);

    const attempt = <T>(work: Parameters<typeof asOrganization<T>>[2]) => asOrganization(pool, mine.id, work);
    await expect(
      attempt((c) =>
        c.query(`INSERT INTO students (organization_id, first_name, last_name) VALUES ($1, 'Intruder', 'Student')`, [
          theirs.id,
        ]),
      ),
    ).rejects.toMatchObject(rlsViolation);
    await expect(
      attempt((c) =>
        c.query(
          `INSERT INTO student_referrals (organization_id, referrer_student_id, referred_name, referred_phone) VALUES ($1, $2, 'Friend', $3)`,
          // the referral guard cannot see the other organization's referrer, so it refuses first
          [theirs.id, theirStudent.id, randomPhone()],
        ),
      ),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^(42501|RB404)$/) });
    await expect(
      attempt((c) =>
        c.query(
          `INSERT INTO points_transactions (organization_id, student_id, points_amount, category) VALUES ($1, $2, 1000, 'behaviour')`,
          [theirs.id, theirStudent.id],
        ),
      ),
    ).rejects.toMatchObject(rlsViolation);
    // moving an own row into the other organization is refused too
    await pool.query(`INSERT INTO referral_leaderboard_cache VALUES ($1, 'top', '[]', now())`, [mine.id]);
    await expect(
      attempt((c) =>
        c.query(`UPDATE referral_leaderboard_cache SET organization_id = $1 WHERE organization_id = $2`, [
          theirs.id,
          mine.id,
        ]),
      ),
    ).rejects.toMatchObject(rlsViolation);

    const updates = await attempt(async (c) => [
      (await c.query(`UPDATE student_referrals SET status = 'contacted' WHERE organization_id = $1`, [theirs.id]))
        .rowCount,
      (await c.query(`UPDATE students SET first_name = 'Changed' WHERE organization_id = $1`, [theirs.id])).rowCount,
      (
        await c.query(`UPDATE user_rankings SET total_points = total_points + 1000 WHERE organization_id = $1`, [
          theirs.id,
        ])
      ).rowCount,
      (await c.query(`DELETE FROM referral_leaderboard_cache WHERE organization_id = $1`, [theirs.id])).rowCount,
    ]);
    expect(updates).toEqual([0, 0, 0, 0]);
    const {
      rows: [after],
    } = await pool.query('SELECT to_jsonb(sr) AS r FROM student_referrals sr WHERE id = $1', [theirReferral]);
    expect(after).toEqual(before);
    const {
      rows: [counts],
    } = await pool.query<{ students: number; ledger: number }>(
      `SELECT (SELECT count(*)::integer FROM students WHERE organization_id = $1) AS students,
              (SELECT count(*)::integer FROM points_transactions WHERE organization_id = $1) AS ledger`,
      [theirs.id],
    );
    expect(counts).toEqual({ students: 1, ledger: 0 });
    // the own organization stays writable: the refusals above are about the boundary, not the role
    await expect(
      attempt((c) => c.query(`UPDATE students SET first_name = 'Changed' WHERE id = $1`, [myStudent.id])),
    ).resolves.toMatchObject({ rowCount: 1 });
  });
});
