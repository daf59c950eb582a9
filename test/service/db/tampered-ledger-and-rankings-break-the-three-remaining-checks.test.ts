import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent, enroll } from '../../helpers/fixtures.js';
import { checkInvariants } from '../../../src/harness/invariants/check-invariants.js';

const { pool } = await createTestDatabase('optimized');

/** Runs `sql` with the triggers off (a superuser's replica mode), as only a tampering could. */
async function behindTheTriggers(sql: string, values: unknown[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query(sql, values);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

/** An enrolled referral on data that passes every check. */
async function enrolled(): Promise<{ studentId: string; organizationId: string; referralId: string }> {
  const org = await createOrganization(pool);
  const referrer = await createStudent(pool, org.id);
  const referralId = await createReferral(pool, referrer);
  await enroll(pool, referralId);
  expect(await checkInvariants(pool)).toMatchObject({ state: 'passed' });
  return { studentId: referrer.id, organizationId: org.id, referralId };
}

const violated = async (invariant: string) =>
  (await checkInvariants(pool)).violations.find((v) => v.invariant === invariant);

// The checks every database test leans on; each is shown here to fail on the fault it names.
describe('the invariant check', () => {
  it('reports a referral with a second referral_enrolled ledger row', async () => {
    const { studentId, organizationId, referralId } = await enrolled();
    // The ledger's unique key covers (category, entity type, entity id); a row without a type slips past it.
    await pool.query(
      `INSERT INTO points_transactions (organization_id, student_id, points_amount, category, related_entity_type, related_entity_id)
                      VALUES ($1, $2, 0, 'referral_enrolled', NULL, $3)`,
      [organizationId, studentId, referralId],
    );
    try {
      expect(await violated('no referral has more than one referral_enrolled ledger row')).toMatchObject({
        count: 1,
        examples: [{ related_entity_id: referralId }],
      });
    } finally {
      await behindTheTriggers(
        'DELETE FROM points_transactions WHERE related_entity_id = $1 AND related_entity_type IS NULL',
        [referralId],
      );
    }
  });

  it('reports an enrolled referral whose award disagrees with its ledger rows', async () => {
    const { referralId } = await enrolled();
    await behindTheTriggers('UPDATE student_referrals SET points_awarded = points_awarded + 1 WHERE id = $1', [
      referralId,
    ]);
    try {
      expect(await violated('every enrolled referral has exactly its award in the ledger')).toMatchObject({
        count: 1,
        examples: [{ id: referralId }],
      });
    } finally {
      await behindTheTriggers('UPDATE student_referrals SET points_awarded = points_awarded - 1 WHERE id = $1', [
        referralId,
      ]);
    }
    expect(await checkInvariants(pool)).toMatchObject({ state: 'passed' });
  });

  it('reports a student without a ranking row', async () => {
    const { studentId, organizationId } = await enrolled();
    const {
      rows: [kept],
    } = await pool.query<Record<string, unknown>>('SELECT * FROM user_rankings WHERE user_id = $1', [studentId]);
    await behindTheTriggers('DELETE FROM user_rankings WHERE user_id = $1 AND organization_id = $2', [
      studentId,
      organizationId,
    ]);
    try {
      expect(await violated('every student has exactly one ranking row in its organization')).toMatchObject({
        examples: [{ id: studentId }],
      });
    } finally {
      const columns = Object.keys(kept ?? {});
      await behindTheTriggers(
        `INSERT INTO user_rankings (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        columns.map((column) => kept?.[column]),
      );
    }
    expect(await checkInvariants(pool)).toMatchObject({ state: 'passed' });
  });
});
