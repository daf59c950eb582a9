import { describe, expect, it } from 'vitest';
import { createPool, sendRequest } from '../../../src/harness/runners/http-sender.js';
import { routeRequests } from '../../../scenarios/route-requests.js';
import { createPrng } from '../../../src/core/prng-function.js';
import {
  acknowledgedWriteChecks,
  checkAcknowledgedWrites,
} from '../../../src/harness/invariants/check-acknowledged-writes.js';
import { runOutcome } from '../../../src/harness/targets/run-outcome.js';
import { startStatefulService } from './stateful-harness.js';

describe('the nothing-lost check', () => {
  it('names the referral whose acknowledged write the database no longer holds, and the run fails on it', async () => {
    const service = await startStatefulService();
    const state = service.state();
    const pool = createPool(new URL(service.url).origin, 2, 10_000);
    const prng = createPrng(5);
    const live = (session: number) => ({ state, session, held: [], continues: false });
    try {
      const created = routeRequests['create-referral'](service.context, prng, { index: 0, iteration: 0 }, live(0));
      const enrolled = [
        routeRequests['update-status'](service.context, prng, { index: 1, iteration: 0 }, live(1), {
          status: 'contacted',
        }),
      ];
      for (const request of [created, ...enrolled]) {
        const result = await sendRequest(pool, request as NonNullable<typeof request>, '');
        expect(result.outcome).toEqual({ kind: 'ok' });
      }
      const contacted = [...state.writes.states.keys()][0] as string;
      const enroll = routeRequests['update-status'](service.context, prng, { index: 1, iteration: 1 }, live(1), {
        status: 'enrolled',
      });
      expect(enroll?.path).toBe(`/referrals/${contacted}/status`);
      expect((await sendRequest(pool, enroll as NonNullable<typeof enroll>, '')).outcome).toEqual({ kind: 'ok' });
    } finally {
      await pool.close();
    }
    expect(await checkAcknowledgedWrites(service.db.pool, state.writes)).toMatchObject({ state: 'passed' });

    // Behind the load's back: the created referral disappears and the enrollment loses its ledger row.
    const createdId = [...state.writes.created.keys()][0] as string;
    const enrolledId = [...state.writes.enrollments.keys()][0] as string;
    await service.db.pool.query('DELETE FROM student_referrals WHERE id = $1', [createdId]);
    // The ledger is append-only by trigger; replica mode (a superuser's) lets the test break it.
    expect(enrolledId).toMatch(/^[0-9a-f-]{36}$/);
    await service.db.pool.query(`BEGIN; SET LOCAL session_replication_role = replica;
      DELETE FROM points_transactions WHERE related_entity_id = '${enrolledId}' AND category = 'referral_enrolled'; COMMIT`);

    const report = await checkAcknowledgedWrites(service.db.pool, state.writes);
    expect(report.state).toBe('failed');
    expect(report.violations).toEqual([
      {
        invariant: acknowledgedWriteChecks.created,
        count: 1,
        examples: [expect.objectContaining({ id: createdId, found: 0 })],
      },
      {
        invariant: acknowledgedWriteChecks.enrollments,
        count: 1,
        examples: [expect.objectContaining({ id: enrolledId, ledger_rows: 0 })],
      },
    ]);
    expect(
      runOutcome({
        targets: [],
        scenarios: [],
        invariants: report,
        generatorBottleneck: { bottleneck: false, reasons: [] },
      }),
    ).toEqual({ verdict: 'fail', exitCode: 1 });
  });
});
