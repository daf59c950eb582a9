/**
 * The spec's improvement claims: the same reads on the baseline and optimized schema variants
 * over the same data, timed and explained (EXPLAIN (ANALYZE, BUFFERS)), and over HTTP.
 */
import type { Scenario } from './scenario-schema.js';

export const scenario = {
  name: 'before-after',
  load: { model: 'open', arrival: 'uniform', maxInFlight: 50 },
  stepsBy: 'query',
  schemaVariants: ['baseline', 'optimized'],
  journey: [
    { route: 'referral-list', weight: 1 },
    { route: 'pending-admin', weight: 1 },
    { route: 'student-profile', weight: 1 },
    { route: 'referral-analytics', weight: 1 },
  ],
  queries: [
    {
      step: 'referral-lookup',
      route: 'referral-list',
      claimedReductionPct: 65,
      optimizedPlanUses: 'idx_student_referrals_performance',
      sql: 'SELECT id, status, created_at, points_awarded, enrolled_as_student_id FROM student_referrals WHERE referrer_student_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 20',
      params: ['studentId'],
    },
    {
      step: 'pending-admin',
      route: 'pending-admin',
      claimedReductionPct: 80,
      optimizedPlanUses: 'idx_student_referrals_pending_admin',
      // The service's own query (referral.repository.ts listPending): one ordered read per open
      // status, merged. With `status IN (...)` instead, the spec's index (status before
      // created_at) cannot return rows in date order and every open referral gets sorted.
      sql:
        'SELECT id, referrer_student_id, referred_name, status, created_at FROM (' +
        "(SELECT * FROM student_referrals WHERE organization_id = $1 AND status = 'pending' AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 50)" +
        " UNION ALL (SELECT * FROM student_referrals WHERE organization_id = $1 AND status = 'contacted' AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 50)" +
        ') sr ORDER BY created_at DESC, id LIMIT 50',
      params: ['organizationId'],
    },
    {
      step: 'correlation',
      route: 'student-profile',
      claimedReductionPct: 70,
      optimizedPlanUses: 'idx_user_rankings_referral_correlation',
      sql: 'SELECT total_referrals, successful_referrals, referral_points_earned FROM user_rankings WHERE user_id = $1 AND organization_id = $2',
      params: ['studentId', 'organizationId'],
    },
    {
      step: 'analytics',
      route: 'referral-analytics',
      claimedReductionPct: 85,
      sql: 'SELECT total_referrals, successful_referrals, conversion_rate, total_points_awarded FROM referral_analytics WHERE referrer_student_id = $1',
      params: ['studentId'],
    },
  ],
  needsOwnService: 'it compares two schema variants, each a database and a service of its own',
  profiles: {
    smoke: {
      referrals: [10_000],
      levels: [10],
      stepDurationMs: 3_000,
      warmupMs: 1_000,
      maxRequestsPerStep: 300,
      executions: 20,
    },
    quick: {
      referrals: [100_000],
      levels: [10],
      stepDurationMs: 5_000,
      warmupMs: 1_000,
      maxRequestsPerStep: 500,
      executions: 100,
    },
    full: {
      referrals: [1_000_000],
      levels: [10],
      stepDurationMs: 15_000,
      warmupMs: 3_000,
      maxRequestsPerStep: 1_500,
      executions: 500,
    },
  },
} as const satisfies Scenario;
