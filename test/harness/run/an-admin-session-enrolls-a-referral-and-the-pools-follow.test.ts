import { describe, expect, it } from 'vitest';
import { bindSessions } from '../../../scenarios/bind-journey.js';
import { scenario } from '../../../scenarios/concurrent-users.scenario.js';
import { runClosedModel } from '../../../src/harness/runners/closed-model-runner.js';
import { checkAcknowledgedWrites } from '../../../src/harness/invariants/check-acknowledged-writes.js';
import { checkInvariants } from '../../../src/harness/invariants/check-invariants.js';
import { startStatefulService } from './stateful-harness.js';

describe('an admin session of the concurrent-users scenario, on a real service', () => {
  it('contacts a pending referral, then ends it enrolled or declined, and the pools and the write log follow', async () => {
    const service = await startStatefulService();
    const state = service.state();
    const admin = (scenario.sessions ?? []).filter((session) => session.name === 'admin');
    const load = await runClosedModel({
      url: service.url,
      users: 1,
      sessions: bindSessions(admin, service.context, state),
      thinkTime: { distribution: 'fixed', ms: 0 },
      durationMs: 20_000,
      maxRequests: 5,
      seed: 3,
    });
    expect(load.requests).toMatchObject({ total: 5, ok: 5, errorRate: 0 });
    expect(Object.keys(load.perRoute).sort()).toEqual([
      'calculate-points',
      'dashboard-analytics',
      'pending-admin',
      'update-status',
    ]);

    // One referral, contacted and then moved on by the same session.
    expect(state.writes.states.size).toBe(1);
    const [[id, acknowledged]] = [...state.writes.states] as [[string, string]];
    expect(['enrolled', 'declined']).toContain(acknowledged);
    expect(state.pools.stateOf(id)).toBe(acknowledged);
    const {
      rows: [row],
    } = await service.db.pool.query<{ status: string; points_awarded: number }>(
      'SELECT status, points_awarded FROM student_referrals WHERE id = $1',
      [id],
    );
    expect(row?.status).toBe(acknowledged);
    if (acknowledged === 'enrolled') {
      expect(state.writes.enrollments.get(id)).toBe(row?.points_awarded);
      expect(row?.points_awarded).toBeGreaterThan(0);
    }
    // Neither pool offers it any more; the other five are still pending.
    expect(state.pools.available(service.context.organizations[0]?.id as string, 'pending')).toBe(5);
    expect(state.pools.available(service.context.organizations[0]?.id as string, 'contacted')).toBe(0);

    expect(await checkAcknowledgedWrites(service.db.pool, state.writes)).toMatchObject({
      state: 'passed',
      violations: [],
    });
    expect(await checkInvariants(service.db.pool)).toMatchObject({ state: 'passed' });
  });
});
