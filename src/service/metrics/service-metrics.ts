/**
 * What the service reports about itself. The prom-client implementation lives beside this file;
 * features depend only on this interface.
 */
import type { CacheName } from '../cache/cache.js';

export interface ServiceMetrics {
  /** One finished HTTP request: route pattern (e.g. /referrals/:id), method, status, seconds. */
  observeRequest(route: string, method: string, status: number, seconds: number): void;
  cacheHit(cache: CacheName): void;
  cacheMiss(cache: CacheName): void;
  /** A cache backend fault (Redis down or slow); the request was served from the database. */
  cacheFault(cache: CacheName): void;
  /** A database operation's duration, by query type; slow ones are also written to referral_performance_metrics. */
  observeOperation(queryType: string, organizationId: string, milliseconds: number, rowsAffected: number | null): void;
}
