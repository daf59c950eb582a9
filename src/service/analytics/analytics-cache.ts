/** Keys of the dashboard analytics cache, and its invalidation (one organization at a time). */
import type { Cache } from '../cache/cache.js';

/** Every analytics entry of an organization starts with this prefix. */
export function analyticsPrefix(organizationId: string): string {
  return `analytics:${organizationId}:`;
}

export function dashboardKey(organizationId: string): string {
  return `${analyticsPrefix(organizationId)}dashboard`;
}

/** Called after a commit that enrolled a referral: the organization's analytics changed. */
export function invalidateAnalytics(cache: Cache, organizationId: string): Promise<void> {
  return cache.deletePrefix(analyticsPrefix(organizationId));
}
