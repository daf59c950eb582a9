/** Schemas of the ranking calculation. */
import { Type } from '@sinclair/typebox';
import { Uuid } from '../http/common.schemas.js';

export const RankResult = Type.Object(
  {
    studentId: Uuid,
    currentRank: Type.Integer({ description: 'competition rank by total points in the organization, now stored' }),
    totalPoints: Type.Integer(),
  },
  { additionalProperties: false },
);
