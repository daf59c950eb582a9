/** Schemas of the analytics routes: the admin dashboard and a student's referral analytics. */
import { Type } from '@sinclair/typebox';
import { Uuid } from '../http/common.schemas.js';

const Source = Type.Unsafe<'materialized-view' | 'live'>({
  type: 'string',
  enum: ['materialized-view', 'live'],
  description: 'materialized-view (optimized schema, refreshed every 5 minutes) or live (baseline schema)',
});

export const DashboardQuery = Type.Object(
  {
    fresh: Type.Boolean({ default: false, description: 'bypass the cache (uncached timing)' }),
  },
  { additionalProperties: false },
);

export const Dashboard = Type.Object(
  {
    organizationId: Uuid,
    generatedAt: Type.String({ format: 'date-time' }),
    source: Source,
    students: Type.Object({ total: Type.Integer(), active: Type.Integer() }, { additionalProperties: false }),
    points: Type.Object({ total: Type.Integer() }, { additionalProperties: false }),
    topStudents: Type.Array(
      Type.Object(
        {
          studentId: Uuid,
          firstName: Type.String(),
          lastName: Type.String(),
          totalPoints: Type.Integer(),
        },
        { additionalProperties: false },
      ),
    ),
    referrals: Type.Optional(
      Type.Object(
        {
          total: Type.Integer(),
          successful: Type.Integer(),
          conversionRate: Type.Number(),
          pointsAwarded: Type.Integer(),
          referrers: Type.Integer(),
          topReferrers: Type.Array(
            Type.Object(
              {
                studentId: Uuid,
                firstName: Type.String(),
                lastName: Type.String(),
                totalReferrals: Type.Integer(),
                successfulReferrals: Type.Integer(),
                conversionRate: Type.Number(),
                pointsAwarded: Type.Integer(),
              },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false, description: 'absent when the referral feature is off' },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ReferralAnalytics = Type.Object(
  {
    studentId: Uuid,
    totalReferrals: Type.Integer(),
    successfulReferrals: Type.Integer(),
    conversionRate: Type.Number(),
    totalPointsAwarded: Type.Integer(),
    source: Source,
  },
  { additionalProperties: false },
);
