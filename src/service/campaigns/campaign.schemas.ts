/** Schemas of campaign processing. */
import { Type } from '@sinclair/typebox';
import { Uuid } from '../http/common.schemas.js';

export const CampaignParams = Type.Object({ campaignId: Uuid }, { additionalProperties: false });

export const ProcessQuery = Type.Object(
  {
    limit: Type.Integer({
      minimum: 1,
      maximum: 10_000,
      default: 1000,
      description: 'most referrals attached in this call',
    }),
  },
  { additionalProperties: false },
);

export const ProcessResult = Type.Object(
  {
    campaignId: Uuid,
    applied: Type.Integer({ description: 'open referrals in the window now attached to the campaign' }),
    remaining: Type.Boolean({
      description:
        'true when eligible referrals are left (the limit was reached, or one was busy with another change): call again',
    }),
  },
  { additionalProperties: false },
);
