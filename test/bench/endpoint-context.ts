/** A small scenario context for the endpoint bench's pure parts: two organizations, the first the largest. */
import type { ContextOrganization, ReferralStatus, ScenarioContext } from '../../scenarios/scenario-context.js';

const ids = (organizationId: string, status: ReferralStatus, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${organizationId}-${status}-${i}`);

function organization(id: string, students: number, referralsPerStatus: number): ContextOrganization {
  return {
    id,
    adminToken: `admin-of-${id}`,
    students: Array.from({ length: students }, (_, i) => ({ id: `${id}-student-${i}`, token: `token-${id}-${i}` })),
    campaignIds: Array.from({ length: 5 }, (_, i) => `${id}-campaign-${i}`),
    referralIdsByStatus: {
      pending: ids(id, 'pending', referralsPerStatus),
      contacted: ids(id, 'contacted', referralsPerStatus),
      enrolled: ids(id, 'enrolled', referralsPerStatus),
      declined: ids(id, 'declined', referralsPerStatus),
      expired: ids(id, 'expired', referralsPerStatus),
    },
  };
}

export const endpointContext: ScenarioContext = {
  organizations: [organization('org-large', 40, 600), organization('org-small', 5, 10)],
};
