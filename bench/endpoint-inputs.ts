/**
 * The endpoint bench's inputs, drawn with the seed: the seeded sample of the largest organization
 * (the scenario context, whose loader puts it first), its students, referrals and campaigns each in
 * an order the project's generator shuffles them into. The same seed gives the same inputs in the
 * same order on the same dataset; requests then take them in turn.
 */
import { HarnessError } from '../src/core/errors.js';
import { Prng } from '../src/core/prng.js';
import type { ContextOrganization, ReferralStatus, ScenarioContext } from '../scenarios/scenario-context.js';

/** Separate streams of the seed, so that one list's length does not move another's order. */
const streams = { students: 1, campaigns: 2, referrals: 3 } as const;

/** A copy of `items` in an order drawn from `prng` (Fisher-Yates). */
export function shuffled<T>(items: readonly T[], prng: Prng): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = prng.int(i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** The context the bench sends from: the largest organization alone, its lists in the seed's order. */
export function pickEndpointInputs(context: ScenarioContext, seed: number): ScenarioContext {
  const largest = context.organizations[0];
  if (largest === undefined)
    throw new HarnessError('BAD_FLAG', '--referrals: the seeded database has no organization with students; seed more');
  const referralIdsByStatus: Record<ReferralStatus, readonly string[]> = { ...largest.referralIdsByStatus };
  for (const [index, status] of (Object.keys(referralIdsByStatus) as ReferralStatus[]).entries())
    referralIdsByStatus[status] = shuffled(referralIdsByStatus[status], new Prng(seed, streams.referrals + index));
  const organization: ContextOrganization = {
    ...largest,
    students: shuffled(largest.students, new Prng(seed, streams.students)),
    campaignIds: shuffled(largest.campaignIds, new Prng(seed, streams.campaigns)),
    referralIdsByStatus,
  };
  return { organizations: [organization] };
}
