import { expect, test } from 'vitest';
import { bindJourney } from '../../scenarios/bind-journey.js';
import { routeLabels } from '../../scenarios/route-labels.js';
import { bulkSize } from '../../scenarios/route-requests.js';
import type { ScenarioContext } from '../../scenarios/scenario-context.js';
import { createPrng } from '../../src/core/prng-function.js';

const referralIds = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
const organization = (id: string) => ({
  id,
  adminToken: `admin-${id}`,
  students: [
    { id: `${id}-s0`, token: `token-${id}-s0` },
    { id: `${id}-s1`, token: `token-${id}-s1` },
  ],
  campaignIds: [`${id}-c0`],
  referralIdsByStatus: {
    pending: referralIds(`${id}-p`, 150),
    contacted: referralIds(`${id}-c`, 5),
    enrolled: referralIds(`${id}-e`, 3),
    declined: [],
    expired: [],
  },
});
const context: ScenarioContext = { organizations: [organization('o0'), organization('o1')] };

test('every route builds a request that stays inside one organization and carries its label', () => {
  const journey = bindJourney(
    routeLabels.map((route) => ({
      route,
      weight: 1,
      ...(route === 'dashboard-analytics' ? { query: 'fresh=true' } : {}),
    })),
    context,
  );
  const prng = createPrng(7);
  for (const [i, step] of journey.entries()) {
    for (const index of [0, 1, 2, 3]) {
      const request = step.request(prng, { index, iteration: 0 });
      if (request === undefined) throw new Error(`${routeLabels[i]}: no request without a load state`);
      const org = `o${index % 2}`;
      expect(request.label).toBe(routeLabels[i]);
      // Every id in the request belongs to the organization whose token it carries.
      const ids = [
        ...(request.path.match(/o\d-[a-z]\d*(?:-\d+)?/g) ?? []),
        ...(JSON.stringify(request.body ?? {}).match(/o\d-[a-z]\d*(?:-\d+)?/g) ?? []),
      ];
      for (const id of ids) expect(id.startsWith(org), `${request.label}: ${id}`).toBe(true);
      const auth = request.headers?.authorization;
      if (auth !== undefined) expect(auth).toMatch(new RegExp(`^Bearer (admin-${org}|token-${org}-s\\d)$`));
    }
  }
  const dashboard = journey[routeLabels.indexOf('dashboard-analytics')]?.request(prng, { index: 0, iteration: 0 });
  expect(dashboard?.path).toBe('/admin/analytics/dashboard?fresh=true');
  const bulk = journey[routeLabels.indexOf('bulk-process')]?.request(prng, { index: 0, iteration: 0 });
  expect((bulk?.body as { referralIds: string[] }).referralIds).toHaveLength(bulkSize);
});
