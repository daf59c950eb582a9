/**
 * The writes of a stateful load: requests built from the work pools, whose responses move the
 * pools and are logged as acknowledged writes. Used where a run follows its own writes; without
 * a load state, route-requests.ts builds the stateless versions.
 */
import type { RequestOutcome } from '../src/model/request-outcome.js';
import type { LoadRequest } from '../src/model/load-request.js';
import type { Prng } from '../src/core/prng-function.js';
import type { AcknowledgedWrites } from './acknowledged-writes.js';
import type { ContextOrganization } from './scenario-context.js';
import type { Claim, OpenState, WorkPools, WorkState } from './work-pools.js';

/** The pools and the write log of one load on one database. */
export interface LoadState {
  readonly pools: WorkPools;
  readonly writes: AcknowledgedWrites;
}

/** What a request builder sees of the session it belongs to. */
export interface LiveSession {
  readonly state: LoadState;
  /** The session's number (a virtual user's index; an arrival's, in the open model). */
  readonly session: number;
  /** Referrals this session holds between its steps. */
  readonly held: string[];
  /** Whether more steps of this session follow (a held referral is kept for them). */
  readonly continues: boolean;
}

/** A target of an update-status step: a status, or 'advance' (the referral's next step in its lifecycle). */
export type StatusTarget = Exclude<WorkState, 'pending'> | 'advance';

/** Decline one referral in five on advancing from contacted, as schools do not enroll every lead. */
const declineShare = 0.2;

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
const racedRejection: RequestOutcome = { kind: 'expected-rejection' };

/** Where a referral moved to `target` comes from. */
function sources(target: StatusTarget): readonly OpenState[] {
  if (target === 'contacted') return ['pending'];
  if (target === 'enrolled') return ['contacted'];
  if (target === 'declined') return ['contacted', 'pending'];
  return ['contacted', 'pending'];
}

function nextStatus(from: OpenState, target: StatusTarget, prng: Prng): Exclude<WorkState, 'pending'> {
  if (target !== 'advance') return target;
  if (from === 'pending') return 'contacted';
  return prng() < declineShare ? 'declined' : 'enrolled';
}

/** The referral this session already holds in one of `from`, else a new claim. */
function claimFor(
  live: LiveSession,
  organizationId: string,
  from: readonly OpenState[],
  prng: Prng,
): Claim | undefined {
  for (const id of live.held) {
    const state = live.state.pools.stateOf(id);
    if (state !== undefined && (from as readonly string[]).includes(state))
      return { id, from: state as OpenState, contended: false };
  }
  const claim = live.state.pools.claim(organizationId, from, live.session, prng);
  if (claim && !claim.contended) live.held.push(claim.id);
  return claim;
}

function letGo(live: LiveSession, id: string): void {
  const at = live.held.indexOf(id);
  if (at >= 0) live.held.splice(at, 1);
}

/** PATCH /referrals/:id/status moving a claimed referral; undefined when the organization has none to move. */
export function statusWrite(
  organization: ContextOrganization,
  live: LiveSession,
  target: StatusTarget,
  prng: Prng,
): LoadRequest | undefined {
  const claim = claimFor(live, organization.id, sources(target), prng);
  if (claim === undefined) return undefined;
  const status = nextStatus(claim.from, target, prng);
  const { pools, writes } = live.state;
  return {
    method: 'PATCH',
    path: `/referrals/${claim.id}/status`,
    headers: bearer(organization.adminToken),
    label: 'update-status',
    body: { status },
    expectedStatuses: [200],
    onResponse: ({ status: code, body }) => {
      if (code === 0 || code >= 500) {
        // No answer, or a failure that may have come after the commit: the referral's state is unknown.
        pools.forget(claim.id);
        letGo(live, claim.id);
        return undefined;
      }
      if (code === 200) {
        const row = body as { status?: WorkState; pointsAwarded?: number } | undefined;
        const now = row?.status ?? status;
        writes.transitioned(claim.id, now, typeof row?.pointsAwarded === 'number' ? row.pointsAwarded : undefined);
        const keep = !claim.contended && (now === 'pending' || now === 'contacted') && live.continues;
        pools.settle(claim.id, live.session, now, keep);
        if (!keep) letGo(live, claim.id);
        return undefined;
      }
      pools.settle(claim.id, live.session, undefined);
      letGo(live, claim.id);
      // A 409 is a lost race only where the pools saw one: this write took a referral another
      // session held, or another session's write took this one. Any other 409 is an error.
      if (code === 409 && (claim.contended || pools.wasContested(claim.id))) {
        writes.raced();
        return racedRejection;
      }
      return undefined;
    },
  };
}

/**
 * POST /admin/referrals/bulk over `size` claimed referrals: contacted ones enrolled while there are
 * enough, else pending ones contacted. An organization without `size` open referrals left hands
 * the write to the one with the most (a small school runs out long before a large one). A bulk
 * answer counts, it does not list: when some failed the load cannot tell which, so it forgets
 * them all, and with exclusive claims a failure is an error.
 */
export function bulkWrite(
  organizations: readonly ContextOrganization[],
  preferred: ContextOrganization,
  live: LiveSession,
  size: number,
): LoadRequest | undefined {
  const { pools, writes } = live.state;
  const open = (organization: ContextOrganization) =>
    Math.max(pools.available(organization.id, 'contacted'), pools.available(organization.id, 'pending'));
  const organization =
    open(preferred) >= size
      ? preferred
      : organizations.reduce((best, candidate) => (open(candidate) > open(best) ? candidate : best), preferred);
  const from: OpenState =
    pools.available(organization.id, 'contacted') >= size
      ? 'contacted'
      : pools.available(organization.id, 'pending') >= size
        ? 'pending'
        : pools.available(organization.id, 'contacted') >= pools.available(organization.id, 'pending')
          ? 'contacted'
          : 'pending';
  const claims = pools.claimMany(organization.id, from, size, live.session);
  if (claims.length === 0) return undefined;
  const status: WorkState = from === 'contacted' ? 'enrolled' : 'contacted';
  return {
    method: 'POST',
    path: '/admin/referrals/bulk',
    headers: bearer(organization.adminToken),
    label: 'bulk-process',
    body: { referralIds: claims.map((claim) => claim.id), status },
    onResponse: ({ status: code, body }) => {
      const outcome = body as { processed?: number; failed?: number } | undefined;
      if (code === 200 && outcome?.processed === claims.length) {
        for (const claim of claims) {
          writes.transitioned(claim.id, status);
          pools.settle(claim.id, live.session, status);
        }
        return undefined;
      }
      for (const claim of claims) pools.forget(claim.id);
      return code === 200 ? { kind: 'error', errorClass: 'other' } : undefined;
    },
  };
}

/** Follows a created referral: it joins the pending pool and the write log. */
export function followCreated(organization: ContextOrganization, live: LiveSession): LoadRequest['onResponse'] {
  return ({ status, body }) => {
    const id = (body as { id?: unknown } | undefined)?.id;
    if (status === 201 && typeof id === 'string') {
      live.state.writes.referralCreated(organization.id, id);
      live.state.pools.add(organization.id, id, 'pending');
    }
    return undefined;
  };
}
