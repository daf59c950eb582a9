/**
 * How to build a request for each route of the contract from the seeded data: functions of
 * (context, prng, user). A user (or arrival) index picks its organization and student, so a
 * virtual user keeps one identity for its whole journey. Given a live session (a load that follows
 * its own writes), the writes take their referrals from the work pools (stateful-writes.ts) and
 * may have nothing to send; without one they are stateless and always build a request.
 */
import type { LoadRequest, VirtualUser } from '../src/model/load-request.js';
import type { Prng } from '../src/core/prng-function.js';
import type { RouteLabel } from './route-labels.js';
import type { ContextOrganization, ContextStudent, ReferralStatus, ScenarioContext } from './scenario-context.js';
import { bulkWrite, followCreated, statusWrite, type LiveSession, type StatusTarget } from './stateful-writes.js';

/** What a journey step adds to its route: the status an update-status step asks for. */
export interface StepOptions {
  readonly status?: StatusTarget;
}

export type RouteRequestBuilder = (
  context: ScenarioContext,
  prng: Prng,
  user: VirtualUser,
  live?: LiveSession,
  step?: StepOptions,
) => LoadRequest | undefined;

/** Referrals in bulk requests: the spec's "Bulk Process (100)" row. */
export const bulkSize = 100;

function pick<T>(items: readonly T[], prng: Prng, what: string): T {
  if (items.length === 0) throw new Error(`scenario context has no ${what}`);
  return items[Math.floor(prng() * items.length)] as T;
}

function organizationOf(context: ScenarioContext, user: VirtualUser): ContextOrganization {
  const organizations = context.organizations;
  if (organizations.length === 0) throw new Error('scenario context has no organizations');
  return organizations[user.index % organizations.length] as ContextOrganization;
}

function studentOf(organization: ContextOrganization, context: ScenarioContext, user: VirtualUser): ContextStudent {
  const students = organization.students;
  if (students.length === 0) throw new Error(`scenario context has no students in organization ${organization.id}`);
  return students[Math.floor(user.index / context.organizations.length) % students.length] as ContextStudent;
}

/**
 * The referrals of these statuses, read in the order the statuses are listed, without joining
 * their lists: a request picks one of them, and a joined copy of some 10,000 ids per request kept
 * the load generator allocating (and collecting) while it timed the requests.
 */
class ReferralsOf {
  readonly count: number;

  constructor(
    private readonly organization: ContextOrganization,
    private readonly statuses: readonly ReferralStatus[],
  ) {
    this.count = statuses.reduce((sum, status) => sum + organization.referralIdsByStatus[status].length, 0);
  }

  /** The i-th (0 <= i < count). */
  at(i: number): string {
    let rest = i;
    for (const status of this.statuses) {
      const ids = this.organization.referralIdsByStatus[status];
      if (rest < ids.length) return ids[rest] as string;
      rest -= ids.length;
    }
    throw new RangeError(`no referral ${i} of ${this.count}`);
  }

  /** One drawn with `prng`, as {@link pick} draws from a list. */
  pick(prng: Prng, what: string): string {
    if (this.count === 0) throw new Error(`scenario context has no ${what}`);
    return this.at(Math.floor(prng() * this.count));
  }
}

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** A request as the user's own student. */
function asStudent(
  label: RouteLabel,
  method: LoadRequest['method'],
  path: (studentId: string) => string,
  expectedStatuses?: readonly number[],
): RouteRequestBuilder {
  return (context, _prng, user) => {
    const student = studentOf(organizationOf(context, user), context, user);
    return {
      method,
      path: path(student.id),
      headers: bearer(student.token),
      label,
      ...(expectedStatuses ? { expectedStatuses } : {}),
    };
  };
}

/** A request as an admin of the user's organization. */
function asAdmin(label: RouteLabel, method: LoadRequest['method'], path: string): RouteRequestBuilder {
  return (context, _prng, user) => ({ method, path, headers: bearer(organizationOf(context, user).adminToken), label });
}

/** A request without a token. */
const anonymous =
  (label: RouteLabel, path: string): RouteRequestBuilder =>
  () => ({ method: 'GET', path, label });

export const routeRequests: Readonly<Record<RouteLabel, RouteRequestBuilder>> = Object.freeze({
  'student-profile': asStudent('student-profile', 'GET', (id) => `/students/${id}/profile`),
  'calculate-points': (context, prng, user) => {
    const organization = organizationOf(context, user);
    const referralId = new ReferralsOf(organization, ['pending', 'contacted', 'enrolled']).pick(
      prng,
      `referrals in organization ${organization.id}`,
    );
    return {
      method: 'GET',
      path: `/referrals/${referralId}/points`,
      headers: bearer(organization.adminToken),
      label: 'calculate-points',
    };
  },
  'dashboard-analytics': asAdmin('dashboard-analytics', 'GET', '/admin/analytics/dashboard'),
  'leaderboard-read': asStudent('leaderboard-read', 'GET', () => '/leaderboard?limit=50'),
  'leaderboard-update': asAdmin('leaderboard-update', 'POST', '/admin/leaderboard/refresh'),
  'create-referral': (context, prng, user, live) => {
    const organization = organizationOf(context, user);
    const student = studentOf(organization, context, user);
    // A random Tashkent mobile number; one that is already referred is refused (409), by design.
    const phone = `+99890${String(Math.floor(prng() * 1e7)).padStart(7, '0')}`;
    return {
      method: 'POST',
      path: '/referrals',
      headers: bearer(student.token),
      label: 'create-referral',
      body: { referredName: `Load Test ${user.index}-${user.iteration}`, referredPhone: phone },
      expectedStatuses: [201, 409],
      ...(live && { onResponse: followCreated(organization, live) }),
    };
  },
  'update-status': (context, prng, user, live, step) => {
    const organization = organizationOf(context, user);
    if (live) return statusWrite(organization, live, step?.status ?? 'advance', prng);
    const referralId = new ReferralsOf(organization, ['pending', 'contacted']).pick(
      prng,
      `open referrals in organization ${organization.id}`,
    );
    // pending -> contacted, or a same-status no-op; 409 when another step closed it meanwhile.
    return {
      method: 'PATCH',
      path: `/referrals/${referralId}/status`,
      headers: bearer(organization.adminToken),
      label: 'update-status',
      body: { status: 'contacted' },
      expectedStatuses: [200, 409],
    };
  },
  'referral-analytics': asStudent('referral-analytics', 'GET', (id) => `/students/${id}/referral-analytics`),
  'bulk-process': (context, prng, user, live) => {
    const organization = organizationOf(context, user);
    if (live) return bulkWrite(context.organizations, organization, live, bulkSize);
    const open = new ReferralsOf(organization, ['pending', 'contacted']);
    if (open.count === 0) throw new Error(`scenario context has no open referrals in organization ${organization.id}`);
    const start = Math.floor(prng() * open.count);
    const ids = Array.from({ length: Math.min(bulkSize, open.count) }, (_, i) => open.at((start + i) % open.count));
    return {
      method: 'POST',
      path: '/admin/referrals/bulk',
      headers: bearer(organization.adminToken),
      label: 'bulk-process',
      body: { referralIds: ids, status: 'contacted' },
    };
  },
  'campaign-processing': (context, prng, user) => {
    const organization = organizationOf(context, user);
    const campaignId = pick(organization.campaignIds, prng, `campaigns in organization ${organization.id}`);
    return {
      method: 'POST',
      path: `/admin/campaigns/${campaignId}/process`,
      headers: bearer(organization.adminToken),
      label: 'campaign-processing',
    };
  },
  'ranking-calculation': asStudent('ranking-calculation', 'POST', (id) => `/students/${id}/ranking/calculate`),
  'achievement-check': asStudent('achievement-check', 'POST', (id) => `/students/${id}/achievements/check`),
  'referral-list': asStudent('referral-list', 'GET', (id) => `/students/${id}/referrals?limit=20`),
  'pending-admin': asAdmin('pending-admin', 'GET', '/admin/referrals/pending?limit=50'),
  'performance-report': asAdmin('performance-report', 'GET', '/admin/performance'),
  health: anonymous('health', '/health'),
  metrics: anonymous('metrics', '/metrics'),
  openapi: anonymous('openapi', '/openapi.json'),
});
