import fc from 'fast-check';
import { expect, test } from 'vitest';
import { bulkSize, routeRequests } from '../../scenarios/route-requests.js';
import type { ScenarioContext } from '../../scenarios/scenario-context.js';

// The requests pick a referral by its index over the statuses' lists in order, without joining
// them per request; what they pick must be what a draw from the joined list picks.
const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

test('a referral request draws the referral a draw from the joined status lists would', () => {
  fc.assert(
    fc.property(
      // Past the bulk size (100) too, so a bulk request's window is cut and wraps around.
      fc.nat({ max: 130 }),
      fc.nat({ max: 130 }),
      fc.nat({ max: 40 }),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      (pending, contacted, enrolled, draw) => {
        const byStatus = {
          pending: ids('p', pending),
          contacted: ids('c', contacted),
          enrolled: ids('e', enrolled),
          declined: ids('d', 3),
          expired: ids('x', 3),
        };
        const context: ScenarioContext = {
          organizations: [
            {
              id: 'o0',
              adminToken: 'admin',
              students: [{ id: 's0', token: 'token' }],
              campaignIds: ['k0'],
              referralIdsByStatus: byStatus,
            },
          ],
        };
        const user = { index: 0, iteration: 0 };
        const joined = (statuses: readonly (keyof typeof byStatus)[]) => statuses.flatMap((s) => byStatus[s]);
        const at = (list: string[]) => list[Math.floor(draw * list.length)];

        const points = () => routeRequests['calculate-points'](context, () => draw, user);
        const all = joined(['pending', 'contacted', 'enrolled']);
        if (all.length === 0) expect(points).toThrow(/scenario context has no referrals in organization o0/);
        else expect(points()?.path).toBe(`/referrals/${at(all)}/points`);

        const open = joined(['pending', 'contacted']);
        const status = () => routeRequests['update-status'](context, () => draw, user);
        const bulk = () => routeRequests['bulk-process'](context, () => draw, user);
        if (open.length === 0) {
          expect(status).toThrow(/no open referrals/);
          expect(bulk).toThrow(/no open referrals/);
          return;
        }
        expect(status()?.path).toBe(`/referrals/${at(open)}/status`);
        const start = Math.floor(draw * open.length);
        const expected = Array.from(
          { length: Math.min(bulkSize, open.length) },
          (_, i) => open[(start + i) % open.length],
        );
        expect((bulk()?.body as { referralIds: string[] }).referralIds).toEqual(expected);
      },
    ),
    { numRuns: 300, seed: 11 },
  );
});
