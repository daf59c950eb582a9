/** One k6 virtual user's share of the seeded referrals: k6 VUs share no state, so each works on its own. */
import type { ReferralStatus, ScenarioContext } from '../../scenario-context.js';

/**
 * The context with, per organization and status, every `vus`-th referral starting at `vu`
 * (0-based): the shares of all VUs are disjoint and together hold every referral. Students,
 * tokens and campaigns are everyone's.
 */
export function contextShare(context: ScenarioContext, vus: number, vu: number): ScenarioContext {
  return {
    organizations: context.organizations.map((organization) => ({
      ...organization,
      referralIdsByStatus: Object.fromEntries(Object.entries(organization.referralIdsByStatus)
        .map(([status, ids]) => [status, ids.filter((_, index) => index % vus === vu % vus)])) as Record<ReferralStatus, string[]>,
    })),
  };
}
