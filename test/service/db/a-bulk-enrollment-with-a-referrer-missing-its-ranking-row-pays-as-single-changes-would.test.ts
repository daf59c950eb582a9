import { describe, expect, it } from 'vitest';
import { cloneTestDatabase, createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { bulkStatusChange, domainState, statusChangesOneByOne } from './status-changes.js';

describe.each(['optimized', 'baseline'] as const)('bulk_process_referrals (%s)', (variant) => {
  it('moves a batch whose referrer lost its ranking row one by one, paying as single changes would', async () => {
    const source = await createTestDatabase(variant);
    const { pool } = source;
    const org = await createOrganization(pool);
    const [kept, lost] = [await createStudent(pool, org.id), await createStudent(pool, org.id)];
    const ids: string[] = [];
    for (const referrer of [kept, lost, kept]) {
      const id = await createReferral(pool, referrer);
      await pool.query(`UPDATE student_referrals SET status = 'contacted' WHERE id = $1`, [id]);
      ids.push(id);
    }
    // Nothing the service does removes a ranking row; the set-based award leaves such a referrer's
    // referrals out, and the bulk must then take the one-by-one path, whose award makes the row again.
    await pool.query('DELETE FROM user_rankings WHERE user_id = $1', [lost.id]);
    const {
      rows: [fixtureEnd],
    } = await pool.query<{ at: string }>('SELECT clock_timestamp()::text AS at');
    const [bulkClone, oneByOneClone] = [await cloneTestDatabase(source), await cloneTestDatabase(source)];

    const bulk = await bulkStatusChange(bulkClone.pool, org.id, ids, 'enrolled');
    const oneByOne = await statusChangesOneByOne(oneByOneClone.pool, org.id, ids, 'enrolled');

    expect(bulk).toEqual({ processed: 3, failed: 0 });
    expect(bulk).toEqual(oneByOne);
    expect(await domainState(bulkClone.pool, fixtureEnd!.at)).toEqual(
      await domainState(oneByOneClone.pool, fixtureEnd!.at),
    );
  });
});
