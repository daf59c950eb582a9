import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createStudent, randomPhone } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

const insert = `INSERT INTO student_referrals (organization_id, referrer_student_id, referred_name, referred_phone, referred_email)
                VALUES ($1, $2, 'Friend', $3, $4) RETURNING id`;

describe.each(['optimized', 'baseline'] as const)('anti-fraud rules (%s)', (variant) => {
  it('refuse self-referral, allow one live referral per phone, and free the phone once declined', async () => {
    const { pool } = databases[variant];
    const org = await createOrganization(pool);
    const referrer = await createStudent(pool, org.id);
    const {
      rows: [me],
    } = await pool.query<{ email: string }>('SELECT email FROM students WHERE id = $1', [referrer.id]);

    await expect(pool.query(insert, [org.id, referrer.id, referrer.phone, null])).rejects.toMatchObject({
      code: 'RB422',
    });
    await expect(
      pool.query(insert, [org.id, referrer.id, randomPhone(), me!.email.toUpperCase()]),
    ).rejects.toMatchObject({ code: 'RB422' });

    const phone = randomPhone();
    const {
      rows: [first],
    } = await pool.query<{ id: string }>(insert, [org.id, referrer.id, phone, null]);
    const otherReferrer = await createStudent(pool, org.id);
    await expect(pool.query(insert, [org.id, otherReferrer.id, phone, null])).rejects.toMatchObject({ code: '23505' });
    // the same phone in another school is another person's business
    const elsewhere = await createOrganization(pool);
    await expect(
      pool.query(insert, [elsewhere.id, (await createStudent(pool, elsewhere.id)).id, phone, null]),
    ).resolves.toMatchObject({ rowCount: 1 });

    await pool.query(`UPDATE student_referrals SET status = 'declined' WHERE id = $1`, [first!.id]);
    await expect(pool.query(insert, [org.id, otherReferrer.id, phone, null])).resolves.toMatchObject({ rowCount: 1 });
  });
});
