/** Schemas of the leaderboard routes. */
import { Type } from '@sinclair/typebox';
import { Uuid } from '../http/common.schemas.js';

const limit = Type.Integer({ minimum: 1, maximum: 100, default: 50 });

export const LeaderboardQuery = Type.Object(
  {
    limit,
    fresh: Type.Boolean({
      default: false,
      description: 'compute from user_rankings, bypassing the cache table (uncached timing)',
    }),
  },
  { additionalProperties: false },
);

/** The refresh recomputes the cached copy by definition: it takes the size only. */
export const LeaderboardRefreshQuery = Type.Object({ limit }, { additionalProperties: false });

export const Leaderboard = Type.Object(
  {
    source: Type.Unsafe<'cache' | 'computed' | 'live'>({
      type: 'string',
      enum: ['cache', 'computed', 'live'],
      description:
        'cache: from referral_leaderboard_cache; computed: a miss, now stored; live: baseline schema, no cache table',
    }),
    entries: Type.Array(
      Type.Object(
        {
          rank: Type.Integer({ description: 'competition rank by referral points, ties by successful referrals' }),
          studentId: Uuid,
          firstName: Type.String(),
          lastName: Type.String(),
          referralPoints: Type.Integer(),
          successfulReferrals: Type.Integer(),
          totalReferrals: Type.Integer(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
