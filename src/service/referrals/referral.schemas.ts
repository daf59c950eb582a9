/** Request and response schemas of the referral routes. */
import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from '../http/common.schemas.js';

const nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time' });

export type ReferralStatusValue = 'pending' | 'contacted' | 'enrolled' | 'declined' | 'expired';
export const ReferralStatus = Type.Unsafe<ReferralStatusValue>({
  type: 'string',
  enum: ['pending', 'contacted', 'enrolled', 'declined', 'expired'],
  description: 'pending -> contacted -> enrolled; pending|contacted -> declined|expired',
});

export const Phone = Type.String({ pattern: '^\\+?[0-9]{7,15}$', description: 'digits, optional leading +' });

export const Referral = Type.Object(
  {
    id: Uuid,
    referrerStudentId: Uuid,
    referredName: Type.String(),
    referredPhone: Type.String(),
    referredEmail: nullable(Type.String()),
    campaignId: nullable(Uuid),
    status: ReferralStatus,
    pointsAwarded: Type.Integer(),
    enrolledAsStudentId: nullable(Uuid),
    contactDate: nullable(Timestamp),
    enrollmentDate: nullable(Timestamp),
    declineReason: nullable(Type.String()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type ReferralRow = Static<typeof Referral>;

export const ReferralList = Type.Object({ items: Type.Array(Referral) }, { additionalProperties: false });

export const CreateReferralBody = Type.Object(
  {
    referredName: Type.String({ minLength: 1, maxLength: 200 }),
    referredPhone: Phone,
    referredEmail: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    campaignId: Type.Optional(Uuid),
    referrerStudentId: Type.Optional({
      ...Uuid,
      description: 'admins name the referrer; a student may only name itself',
    }),
  },
  { additionalProperties: false },
);
export type CreateReferralInput = Static<typeof CreateReferralBody>;

export const UpdateStatusBody = Type.Object(
  {
    status: ReferralStatus,
    declineReason: Type.Optional(
      Type.String({ minLength: 1, maxLength: 500, description: 'only with status declined' }),
    ),
    enrolledAsStudentId: Type.Optional({ ...Uuid, description: 'only with status enrolled' }),
  },
  { additionalProperties: false },
);
export type UpdateStatusInput = Static<typeof UpdateStatusBody>;

export const PointsQuery = Type.Object({ campaignId: Type.Optional(Uuid) }, { additionalProperties: false });

export const Points = Type.Object(
  {
    referralId: Uuid,
    basePoints: Type.Integer(),
    campaignMultiplier: Type.Number(),
    tierBonus: Type.Integer(),
    totalPoints: Type.Integer(),
  },
  { additionalProperties: false },
);

export const BulkBody = Type.Object(
  {
    referralIds: Type.Array(Uuid, { minItems: 1, maxItems: 1000 }),
    status: ReferralStatus,
  },
  { additionalProperties: false },
);
export type BulkInput = Static<typeof BulkBody>;

export const BulkResult = Type.Object(
  {
    processed: Type.Integer(),
    failed: Type.Integer(),
    totalTimeMs: Type.Integer(),
  },
  { additionalProperties: false },
);
export type BulkOutcome = Static<typeof BulkResult>;

export const ListQuery = Type.Object(
  {
    status: Type.Optional(ReferralStatus),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);

export const PendingQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);
