/** Campaign processing (admins). */
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { bearer, responses } from '../http/common.schemas.js';
import { oneStatement, operate, type ServiceContext } from '../http/service-context.js';
import { CampaignParams, ProcessQuery, ProcessResult } from './campaign.schemas.js';
import { processCampaign } from './campaign.repository.js';

export async function campaignRoutes(app: FastifyInstance, context: ServiceContext): Promise<void> {
  app.post<{ Params: Static<typeof CampaignParams>; Querystring: Static<typeof ProcessQuery> }>(
    '/admin/campaigns/:campaignId/process',
    {
      onRequest: context.access.adminOnly,
      schema: {
        operationId: 'campaign-processing',
        tags: ['campaigns'],
        security: bearer,
        summary: "Attach an active campaign to the organization's open referrals created in its window",
        params: CampaignParams,
        querystring: ProcessQuery,
        response: responses(200, ProcessResult, ['NOT_FOUND', 'CONFLICT']),
      },
    },
    async (request) => {
      const { campaignId } = request.params;
      const outcome = await operate(
        context,
        request,
        'campaign_processing',
        (tx) => processCampaign(tx, campaignId, request.query.limit),
        (r) => r.applied,
        oneStatement,
      );
      return { campaignId, ...outcome };
    },
  );
}
