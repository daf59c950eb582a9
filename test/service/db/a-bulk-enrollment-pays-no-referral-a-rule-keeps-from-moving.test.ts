import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { changeBothWays } from './status-changes.js';

describe.each(['optimized', 'baseline'] as const)('bulk_process_referrals (%s)', (variant) => {
  it('pays the enrollments that move and not one a rule silently keeps back, as single changes would', async () => {
    const source = await createTestDatabase(variant);
    const { pool } = source;
    const org = await createOrganization(pool);
    const referrer = await createStudent(pool, org.id);
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const id = await createReferral(pool, referrer);
      await pool.query(`UPDATE student_referrals SET status = 'contacted' WHERE id = $1`, [id]);
      ids.push(id);
    }
    // A rule that skips a row instead of refusing it (a BEFORE trigger returning NULL): the bulk pays
    // its awards before the rows move, so it must notice the row that did not (this test's clones only).
    await pool.query(`UPDATE student_referrals SET referred_name = 'Keep me' WHERE id = $1`, [ids[1]]);
    await pool.query(`
      CREATE FUNCTION test_keep_marked_referral() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER test_keep_marked_referral BEFORE UPDATE OF status ON student_referrals
      FOR EACH ROW WHEN (NEW.referred_name = 'Keep me' AND NEW.status IS DISTINCT FROM OLD.status)
      EXECUTE FUNCTION test_keep_marked_referral();`);

    const outcome = await changeBothWays(source, org.id, ids, 'enrolled');

    expect(outcome.bulk).toEqual({ processed: 3, failed: 1 });
    expect(outcome.bulk).toEqual(outcome.oneByOne);
    expect(outcome.bulkState).toEqual(outcome.oneByOneState);
  });
});
