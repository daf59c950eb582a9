import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { createOneConnectionPool, requestShapes } from './service-pool.js';

const { url, pool: admin } = await createTestDatabase('optimized');

describe.each(requestShapes)('a request as $shape', ({ options }) => {
  it("runs as the application role in its own organization and reaches none of another organization's rows", async () => {
    const db = createOneConnectionPool(url);
    const [mine, theirs] = [await createOrganization(admin), await createOrganization(admin)];
    const theirStudent = await createStudent(admin, theirs.id);
    const theirReferral = await createReferral(admin, theirStudent);
    const snapshot = async () =>
      (
        await admin.query(
          `SELECT (SELECT to_jsonb(s) FROM students s WHERE id = $1) AS student, (SELECT to_jsonb(r) FROM student_referrals r WHERE id = $2) AS referral`,
          [theirStudent.id, theirReferral],
        )
      ).rows[0];
    const before = await snapshot();
    const run = (text: string, values: unknown[] = []) =>
      db.withOrganization(mine.id, (tx) => tx.query({ text, values }), options);

    const {
      rows: [scope],
    } = await run(`SELECT current_user AS role, current_setting('app.organization_id') AS organization`);
    expect(scope).toEqual({ role: 'referral_bench_app', organization: mine.id });
    expect((await run('SELECT id FROM students WHERE id = $1', [theirStudent.id])).rows).toEqual([]);
    expect((await run('SELECT id FROM student_referrals WHERE organization_id = $1', [theirs.id])).rows).toEqual([]);
    expect((await run(`UPDATE students SET first_name = 'Changed' WHERE id = $1`, [theirStudent.id])).rowCount).toBe(0);
    expect(
      (await run(`UPDATE student_referrals SET status = 'contacted' WHERE id = $1`, [theirReferral])).rowCount,
    ).toBe(0);
    await expect(
      run(`INSERT INTO students (organization_id, first_name, last_name) VALUES ($1, 'Intruder', 'Student')`, [
        theirs.id,
      ]),
    ).rejects.toMatchObject({ code: '42501' });

    expect(await snapshot()).toEqual(before);
    expect(
      (await admin.query('SELECT count(*)::int AS n FROM students WHERE organization_id = $1', [theirs.id])).rows[0],
    ).toEqual({ n: 1 });
  });
});
