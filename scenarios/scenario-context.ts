/**
 * The seeded data a scenario's requests need (tokens and ids). The orchestrator fills it after
 * seeding; scenarios only read it, so they stay pure.
 */

export type ReferralStatus = 'pending' | 'contacted' | 'enrolled' | 'declined' | 'expired';

/** One seeded student and a valid token of theirs (role 'student'). */
export interface ContextStudent {
  readonly id: string;
  readonly token: string;
}

/** One organization's share of the seeded data; tokens of one organization never touch another's ids. */
export interface ContextOrganization {
  readonly id: string;
  /** A valid token with role 'admin' for this organization. */
  readonly adminToken: string;
  readonly students: readonly ContextStudent[];
  readonly campaignIds: readonly string[];
  readonly referralIdsByStatus: Readonly<Record<ReferralStatus, readonly string[]>>;
}

export interface ScenarioContext {
  readonly organizations: readonly ContextOrganization[];
}
