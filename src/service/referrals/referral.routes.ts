/** Referral routes: create, status change, points, bulk, a student's list, the admin's open list. */
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { invalidateAnalytics } from '../analytics/analytics-cache.js';
import { ApiError } from '../errors.js';
import { bearer, bodyErrors, ReferralParams, responses, StudentParams } from '../http/common.schemas.js';
import { oneStatement, operate, type ServiceContext } from '../http/service-context.js';
import {
  BulkBody,
  BulkResult,
  CreateReferralBody,
  ListQuery,
  PendingQuery,
  Points,
  PointsQuery,
  Referral,
  ReferralList,
  UpdateStatusBody,
  type BulkInput,
  type CreateReferralInput,
  type UpdateStatusInput,
} from './referral.schemas.js';
import {
  bulkProcess,
  calculatePoints,
  insertReferral,
  listByReferrer,
  listPending,
  updateReferralStatus,
} from './referral.repository.js';

export async function referralRoutes(app: FastifyInstance, context: ServiceContext): Promise<void> {
  const { access, cache, variant } = context;

  app.post<{ Body: CreateReferralInput }>(
    '/referrals',
    {
      onRequest: access.authenticate,
      schema: {
        operationId: 'create-referral',
        tags: ['referrals'],
        security: bearer,
        summary: 'Create a referral (a student for itself; an admin names the referrer)',
        body: CreateReferralBody,
        response: responses(201, Referral, [...bodyErrors, 'NOT_FOUND', 'DUPLICATE', 'UNPROCESSABLE']),
      },
    },
    async (request, reply) => {
      const { principal } = request;
      const referrerId = principal.role === 'student' ? principal.studentId : request.body.referrerStudentId;
      if (
        principal.role === 'student' &&
        request.body.referrerStudentId !== undefined &&
        request.body.referrerStudentId.toLowerCase() !== principal.studentId?.toLowerCase()
      ) {
        throw new ApiError('FORBIDDEN', 'a student may only refer for itself');
      }
      if (referrerId === undefined)
        throw new ApiError('VALIDATION_FAILED', 'body/referrerStudentId is required for an admin');
      const referral = await operate(
        context,
        request,
        'create_referral',
        (tx) => insertReferral(tx, principal.organizationId, referrerId, request.body),
        () => 1,
        oneStatement,
      );
      return reply.code(201).send(referral);
    },
  );

  app.patch<{ Params: Static<typeof ReferralParams>; Body: UpdateStatusInput }>(
    '/referrals/:referralId/status',
    {
      onRequest: access.adminOnly,
      schema: {
        operationId: 'update-status',
        tags: ['referrals'],
        security: bearer,
        summary: 'Move a referral along its lifecycle (409 on an invalid transition)',
        params: ReferralParams,
        body: UpdateStatusBody,
        response: responses(200, Referral, [
          ...bodyErrors,
          'NOT_FOUND',
          'INVALID_TRANSITION',
          'CONFLICT',
          'UNPROCESSABLE',
        ]),
      },
    },
    async (request) => {
      const { status, declineReason, enrolledAsStudentId } = request.body;
      if (declineReason !== undefined && status !== 'declined')
        throw new ApiError('VALIDATION_FAILED', 'body/declineReason is allowed only with status declined');
      if (enrolledAsStudentId !== undefined && status !== 'enrolled')
        throw new ApiError('VALIDATION_FAILED', 'body/enrolledAsStudentId is allowed only with status enrolled');
      const referral = await operate(
        context,
        request,
        'update_status',
        (tx) => updateReferralStatus(tx, request.params.referralId, request.body),
        (row) => (row ? 1 : 0),
        oneStatement,
      );
      if (!referral) throw new ApiError('NOT_FOUND', 'no such referral');
      if (status === 'enrolled') await invalidateAnalytics(cache, request.principal.organizationId);
      return referral;
    },
  );

  app.get<{ Params: Static<typeof ReferralParams>; Querystring: Static<typeof PointsQuery> }>(
    '/referrals/:referralId/points',
    {
      onRequest: access.authenticate,
      schema: {
        operationId: 'calculate-points',
        tags: ['referrals'],
        security: bearer,
        summary: 'Points the referral earns (or earned): calculate_referral_points_optimized',
        params: ReferralParams,
        querystring: PointsQuery,
        response: responses(200, Points, ['NOT_FOUND', 'UNPROCESSABLE']),
      },
    },
    async (request) => {
      const { principal } = request;
      const row = await operate(
        context,
        request,
        'calculate_points',
        (tx) => calculatePoints(tx, request.params.referralId, request.query.campaignId, principal.studentId),
        (r) => (r ? 1 : 0),
        oneStatement,
      );
      if (!row) throw new ApiError('NOT_FOUND', 'no such referral');
      if (row.totalPoints === null) throw new ApiError('FORBIDDEN', 'a student may only read its own referrals');
      return {
        referralId: request.params.referralId,
        basePoints: row.basePoints,
        campaignMultiplier: row.campaignMultiplier,
        tierBonus: row.tierBonus,
        totalPoints: row.totalPoints,
      };
    },
  );

  app.post<{ Body: BulkInput }>(
    '/admin/referrals/bulk',
    {
      onRequest: access.adminOnly,
      schema: {
        operationId: 'bulk-process',
        tags: ['referrals'],
        security: bearer,
        summary: 'Move up to 1000 referrals to one status; invalid ones count as failed and are unchanged',
        body: BulkBody,
        response: responses(200, BulkResult, bodyErrors),
      },
    },
    async (request) => {
      const { referralIds, status } = request.body;
      const outcome = await operate(
        context,
        request,
        'bulk_process',
        (tx) => bulkProcess(tx, variant, referralIds, status),
        (r) => r.processed,
        // The baseline's bulk is one statement per referral, in one transaction.
        variant === 'optimized' ? oneStatement : {},
      );
      if (status === 'enrolled' && outcome.processed > 0)
        await invalidateAnalytics(cache, request.principal.organizationId);
      return outcome;
    },
  );

  app.get<{ Params: Static<typeof StudentParams>; Querystring: Static<typeof ListQuery> }>(
    '/students/:studentId/referrals',
    {
      onRequest: access.authenticate,
      preHandler: access.selfOrAdmin,
      schema: {
        operationId: 'referral-list',
        tags: ['referrals'],
        security: bearer,
        summary: "A student's referrals, newest first",
        params: StudentParams,
        querystring: ListQuery,
        response: responses(200, ReferralList, ['NOT_FOUND']),
      },
    },
    async (request) => {
      const { studentId } = request.params;
      const items = await operate(
        context,
        request,
        'referral_list',
        (tx) =>
          listByReferrer(tx, request.principal.organizationId, studentId, request.query.status, request.query.limit),
        (rows) => rows?.length ?? 0,
        oneStatement,
      );
      if (!items) throw new ApiError('NOT_FOUND', 'no such student');
      return { items };
    },
  );

  app.get<{ Querystring: Static<typeof PendingQuery> }>(
    '/admin/referrals/pending',
    {
      onRequest: access.adminOnly,
      schema: {
        operationId: 'pending-admin',
        tags: ['referrals'],
        security: bearer,
        summary: "The organization's open (pending or contacted) referrals, newest first",
        querystring: PendingQuery,
        response: responses(200, ReferralList),
      },
    },
    async (request) => {
      const items = await operate(
        context,
        request,
        'pending_admin',
        (tx) => listPending(tx, request.principal.organizationId, request.query.limit),
        (rows) => rows.length,
        oneStatement,
      );
      return { items };
    },
  );
}
