/** Schemas of the student profile. */
import { Type } from '@sinclair/typebox';
import { Uuid } from '../http/common.schemas.js';
import { ReferralStatus } from '../referrals/referral.schemas.js';

const Timestamp = Type.String({ format: 'date-time' });
const nullableString = Type.Union([Type.String(), Type.Null()]);

export const Profile = Type.Object(
  {
    student: Type.Object(
      {
        id: Uuid,
        firstName: Type.String(),
        lastName: Type.String(),
        email: nullableString,
        phone: nullableString,
        enrollmentStatus: Type.String(),
        createdAt: Timestamp,
      },
      { additionalProperties: false },
    ),
    ranking: Type.Object(
      {
        totalPoints: Type.Integer(),
        currentRank: Type.Integer({ description: 'competition rank by total points in the organization, live' }),
        lastActivityAt: Type.Union([Timestamp, Type.Null()]),
      },
      { additionalProperties: false },
    ),
    pointsSummary: Type.Array(
      Type.Object(
        {
          category: Type.String(),
          points: Type.Integer(),
          transactions: Type.Integer(),
        },
        { additionalProperties: false },
      ),
    ),
    achievements: Type.Array(
      Type.Object(
        {
          code: Type.String(),
          name: Type.String(),
          awardedAt: Timestamp,
        },
        { additionalProperties: false },
      ),
    ),
    referrals: Type.Optional(
      Type.Object(
        {
          totalReferrals: Type.Integer(),
          successfulReferrals: Type.Integer(),
          pointsEarned: Type.Integer(),
          recent: Type.Array(
            Type.Object(
              {
                id: Uuid,
                referredName: Type.String(),
                status: ReferralStatus,
                pointsAwarded: Type.Integer(),
                createdAt: Timestamp,
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
