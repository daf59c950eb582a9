/** Schemas of the achievement check. */
import { Type } from '@sinclair/typebox';
import { Uuid } from '../http/common.schemas.js';

export const AchievementCheck = Type.Object(
  {
    studentId: Uuid,
    granted: Type.Array(
      Type.Object(
        {
          code: Type.String(),
          name: Type.String(),
          pointsReward: Type.Integer(),
        },
        { additionalProperties: false },
      ),
      { description: 'achievements granted by this check (none when all were already held)' },
    ),
  },
  { additionalProperties: false },
);
