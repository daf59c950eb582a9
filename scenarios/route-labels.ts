/** The service's route labels (the HTTP contract's table), shared by scenarios, runners' results and targets. */
export const routeLabels = [
  'student-profile',
  'calculate-points',
  'dashboard-analytics',
  'leaderboard-read',
  'leaderboard-update',
  'create-referral',
  'update-status',
  'referral-analytics',
  'bulk-process',
  'campaign-processing',
  'ranking-calculation',
  'achievement-check',
  'referral-list',
  'pending-admin',
  'performance-report',
  'health',
  'metrics',
  'openapi',
] as const;

export type RouteLabel = (typeof routeLabels)[number];
