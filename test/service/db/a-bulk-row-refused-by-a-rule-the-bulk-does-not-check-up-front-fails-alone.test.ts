import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { changeBothWays } from './status-changes.js';

describe.each(['optimized', 'baseline'] as const)('bulk_process_referrals (%s)', (variant) => {
  it('fails only the row a later rule refuses and moves the others, as single changes would', async () => {
    const source = await createTestDatabase(variant);
    const { pool } = source;
    const org = await createOrganization(pool);
    const referrer = await createStudent(pool, org.id);
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) ids.push(await createReferral(pool, referrer));
    // A rule the bulk's up-front choice knows nothing about, refusing one row with a lifecycle code
    // from inside the UPDATE (this test's clones only).
    await pool.query(`UPDATE student_referrals SET referred_name = 'Refuse me' WHERE id = $1`, [ids[2]]);
    await pool.query(`
      CREATE FUNCTION test_refuse_marked_referral() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'referral % is refused by this test', NEW.id USING ERRCODE = 'RB409';
      END
      $$;
      CREATE TRIGGER test_refuse_marked_referral BEFORE UPDATE OF status ON student_referrals
      FOR EACH ROW WHEN (NEW.referred_name = 'Refuse me' AND NEW.status IS DISTINCT FROM OLD.status)
      EXECUTE FUNCTION test_refuse_marked_referral();`);

    const outcome = await changeBothWays(source, org.id, ids, 'contacted');

    expect(outcome.bulk).toEqual({ processed: 3, failed: 1 });
    expect(outcome.bulk).toEqual(outcome.oneByOne);
    expect(outcome.bulkState).toEqual(outcome.oneByOneState);
  });
});
