import { describe, expect, it } from 'vitest';
import { WorkPools } from '../../scenarios/work-pools.js';
import type { ScenarioContext } from '../../scenarios/scenario-context.js';
import { createPrng } from '../../src/core/prng-function.js';

const context: ScenarioContext = {
  organizations: [
    {
      id: 'org',
      adminToken: 'admin',
      students: [{ id: 's1', token: 't1' }],
      campaignIds: [],
      referralIdsByStatus: { pending: ['p1', 'p2'], contacted: ['c1'], enrolled: ['e1'], declined: [], expired: [] },
    },
  ],
};
const prng = createPrng(1);

describe('the work pools', () => {
  it('hand a claimed referral to one session only, and move it as its writes succeed', () => {
    const pools = new WorkPools(context);
    const first = pools.claim('org', ['pending'], 1, prng);
    const second = pools.claim('org', ['pending'], 2, prng);
    expect(first?.id).not.toBe(second?.id);
    expect(pools.claim('org', ['pending'], 3, prng)).toBeUndefined();
    // Contacted and kept for the session's next step: not free for anyone else.
    pools.settle(first?.id as string, 1, 'contacted', true);
    expect(pools.available('org', 'contacted')).toBe(1);
    expect(pools.stateOf(first?.id as string)).toBe('contacted');
    // Enrolled: terminal, it leaves the pools.
    pools.settle(first?.id as string, 1, 'enrolled');
    expect(pools.available('org', 'contacted')).toBe(1);
    expect(pools.available('org', 'pending')).toBe(0);
  });

  it("put a refused write's referral back in its pool, and a created one in pending", () => {
    const pools = new WorkPools(context);
    const claim = pools.claim('org', ['contacted'], 1, prng);
    expect(pools.available('org', 'contacted')).toBe(0);
    pools.settle(claim?.id as string, 1, undefined);
    expect(pools.available('org', 'contacted')).toBe(1);
    pools.add('org', 'new-1');
    expect(pools.available('org', 'pending')).toBe(3);
  });

  it('never hand out terminal referrals', () => {
    const pools = new WorkPools(context);
    const ids = [
      pools.claim('org', ['pending', 'contacted'], 1, prng),
      pools.claim('org', ['pending', 'contacted'], 1, prng),
      pools.claim('org', ['pending', 'contacted'], 1, prng),
    ].map((claim) => claim?.id);
    expect(ids.sort()).toEqual(['c1', 'p1', 'p2']);
    expect(pools.claim('org', ['pending', 'contacted'], 1, prng)).toBeUndefined();
  });

  it('with contention, take a referral another session holds, and remember the contest', () => {
    const pools = new WorkPools(context, { contention: 1 });
    // Nobody holds anything yet: a contending claim falls back to a free one.
    const held = pools.claim('org', ['pending'], 1, prng);
    expect(held?.contended).toBe(false);
    const contender = pools.claim('org', ['pending'], 2, prng);
    expect(contender).toEqual({ id: held?.id, from: 'pending', contended: true });
    expect(pools.wasContested(held?.id as string)).toBe(true);
    // The contender's outcome updates what the holder sees, but does not release the holder's claim.
    pools.settle(held?.id as string, 2, 'contacted');
    expect(pools.stateOf(held?.id as string)).toBe('contacted');
    expect(pools.available('org', 'contacted')).toBe(1);
  });

  it('hand a bulk write up to its size in one state', () => {
    const pools = new WorkPools(context);
    expect(pools.claimMany('org', 'pending', 100, 1).map((claim) => claim.id)).toEqual(['p1', 'p2']);
    expect(pools.available('org', 'pending')).toBe(0);
  });
});

describe('the work pools, when answers are missing or come late', () => {
  it('forget a referral whose write got no answer, so no one writes it from a stale state', async () => {
    const { statusWrite } = await import('../../scenarios/stateful-writes.js');
    const { AcknowledgedWrites } = await import('../../scenarios/acknowledged-writes.js');
    const pools = new WorkPools(context);
    const live = {
      state: { pools, writes: new AcknowledgedWrites() },
      session: 1,
      held: [] as string[],
      continues: true,
    };
    const organization = context.organizations[0] as (typeof context.organizations)[number];
    const request = statusWrite(organization, live, 'enrolled', createPrng(2));
    expect(request?.path).toBe('/referrals/c1/status');
    expect(request?.onResponse?.({ status: 0, body: undefined })).toBeUndefined();
    expect(pools.stateOf('c1')).toBeUndefined();
    expect(live.held).toEqual([]);
    expect(pools.available('org', 'contacted')).toBe(0);
  });

  it("move a referral its holder already let go by what a contender's late answer says", () => {
    const pools = new WorkPools(context, { contention: 1 });
    const held = pools.claim('org', ['contacted'], 1, prng);
    const contender = pools.claim('org', ['contacted'], 2, prng);
    expect(contender?.contended).toBe(true);
    // The holder's write is refused first and lets go; the contender's decline lands after.
    pools.settle(held?.id as string, 1, undefined);
    expect(pools.available('org', 'contacted')).toBe(1);
    pools.settle(held?.id as string, 2, 'declined');
    expect(pools.available('org', 'contacted')).toBe(0);
    expect(pools.stateOf(held?.id as string)).toBe('declined');
  });
});
