import { describe, expect, it } from 'vitest';
import { createPool, sendRequest } from '../../../src/harness/runners/http-sender.js';
import { routeRequests } from '../../../scenarios/route-requests.js';
import { createPrng } from '../../../src/core/prng-function.js';
import type { LoadRequest } from '../../../src/model/load-request.js';
import { startStatefulService } from './stateful-harness.js';

describe("a status write that races another session's", () => {
  it('is an expected rejection where the pools saw the race, and an error where they did not', async () => {
    const service = await startStatefulService(2);
    const state = service.state(1);
    const pool = createPool(new URL(service.url).origin, 2, 10_000);
    const prng = createPrng(9);
    const live = (session: number) => ({ state, session, held: [] as string[], continues: true });
    const build = (session: ReturnType<typeof live>, status: 'contacted' | 'enrolled' | 'declined') =>
      routeRequests['update-status'](service.context, prng, { index: session.session, iteration: 0 }, session, {
        status,
      }) as LoadRequest;
    try {
      const holder = live(1);
      expect((await sendRequest(pool, build(holder, 'contacted'), '')).outcome).toEqual({ kind: 'ok' });
      const held = holder.held[0] as string;
      // The holder's enrollment is built (in flight, as it were) when another admin declines the same referral.
      const enroll = build(holder, 'enrolled');
      const decline = build(live(2), 'declined');
      expect(decline.path).toBe(`/referrals/${held}/status`);
      expect((await sendRequest(pool, decline, '')).outcome).toEqual({ kind: 'ok' });
      expect((await sendRequest(pool, enroll, '')).outcome).toEqual({ kind: 'expected-rejection' });
      expect(state.writes.snapshot().racedRejections).toBe(1);
      expect(state.writes.states.get(held)).toBe('declined');

      // A 409 no race explains: the other referral, moved behind the pools' back, then asked to move on.
      const quiet = service.state(0);
      const alone = { state: quiet, session: 3, held: [] as string[], continues: true };
      const contact = routeRequests['update-status'](service.context, prng, { index: 3, iteration: 0 }, alone, {
        status: 'contacted',
      }) as LoadRequest;
      const other = contact.path.split('/')[2] as string;
      await service.db.pool.query(`UPDATE student_referrals SET status = 'declined' WHERE id = $1`, [other]);
      expect((await sendRequest(pool, contact, '')).outcome).toEqual({
        kind: 'error',
        errorClass: 'http-4xx-unexpected',
      });
      expect(quiet.writes.snapshot().racedRejections).toBe(0);
    } finally {
      await pool.close();
    }
  });
});
