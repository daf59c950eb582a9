/** One k6 virtual user's share of the seeded referrals: k6 VUs share no state, so each works on its own. */
import type { ReferralStatus, ScenarioContext } from '../../scenario-context.js';

/**
 * The context with the referrals of the VU's own organization only (VU i works for organization
 * i mod n, as the request builders pick it), split among that organization's VUs: the shares are
 * disjoint and together hold every referral of every organization that has a VU. Students, tokens
 * and campaigns are everyone's.
 */
export function contextShare(context: ScenarioContext, vus: number, vu: number): ScenarioContext {
  const count = context.organizations.length;
  return {
    organizations: context.organizations.map((organization, index) => {
      const own = vu % count === index;
      // VUs working for this organization, and this VU's slot among them.
      const sharing = Math.max(1, Math.floor((vus - 1 - index) / count) + 1);
      const slot = Math.floor(vu / count);
      return {
        ...organization,
        referralIdsByStatus: Object.fromEntries(
          Object.entries(organization.referralIdsByStatus).map(([status, ids]) => [
            status,
            own ? ids.filter((_, at) => at % sharing === slot) : [],
          ]),
        ) as Record<ReferralStatus, string[]>,
      };
    }),
  };
}
