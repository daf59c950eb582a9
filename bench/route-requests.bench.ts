/**
 * What building one calculate-points request costs the load generator, by the size of the
 * school's lists of referrals per status in the scenario context: 3,000 per status (a run's
 * context) and 13,330 (the endpoint bench's at 1M). Beside each, the draw as it was made until the
 * requests picked by index: the status lists joined into one array per request
 * (`npx tsx bench/route-requests.bench.ts`).
 */
import { createPrng } from '../src/core/prng-function.js';
import { routeRequests } from '../scenarios/route-requests.js';
import type { ReferralStatus, ScenarioContext } from '../scenarios/scenario-context.js';
import { isMain, printBench, type MicroTask } from './micro-task.js';

function contextOf(perStatus: number): ScenarioContext {
  const ids = (status: string) =>
    Array.from(
      { length: perStatus },
      (_, i) => `00000000-0000-4000-8000-${status.padEnd(4, '0').slice(0, 4)}${String(i).padStart(8, '0')}`,
    );
  return {
    organizations: [
      {
        id: 'o0',
        adminToken: 'admin',
        students: [{ id: 's0', token: 'token' }],
        campaignIds: ['k0'],
        referralIdsByStatus: {
          pending: ids('pend'),
          contacted: ids('cont'),
          enrolled: ids('enro'),
          declined: ids('decl'),
          expired: ids('expi'),
        },
      },
    ],
  };
}

export function routeRequestTasks(): MicroTask[] {
  const prng = createPrng(7);
  const user = { index: 0, iteration: 0 };
  const statuses: readonly ReferralStatus[] = ['pending', 'contacted', 'enrolled'];
  return [3_000, 13_330].flatMap((perStatus) => {
    const context = contextOf(perStatus);
    const byStatus = context.organizations[0]!.referralIdsByStatus;
    const label = perStatus.toLocaleString('en-US');
    return [
      {
        name: `calculate-points request, ${label} referrals a status`,
        fn: () => routeRequests['calculate-points'](context, prng, user),
      },
      {
        name: `the joined draw it replaced, ${label} referrals a status`,
        fn: () => {
          const joined = statuses.flatMap((status) => byStatus[status]);
          return joined[Math.floor(prng() * joined.length)];
        },
      },
    ];
  });
}

if (isMain(import.meta.url)) await printBench(routeRequestTasks(), { time: 1000 });
