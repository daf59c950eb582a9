import { describe, expect, it } from 'vitest';
import { startApi } from './api-harness.js';

const contract: ReadonlyArray<readonly [label: string, method: string, path: string, secured: boolean, body: boolean]> =
  [
    ['student-profile', 'get', '/students/{studentId}/profile', true, false],
    ['calculate-points', 'get', '/referrals/{referralId}/points', true, false],
    ['dashboard-analytics', 'get', '/admin/analytics/dashboard', true, false],
    ['leaderboard-read', 'get', '/leaderboard', true, false],
    ['leaderboard-update', 'post', '/admin/leaderboard/refresh', true, false],
    ['create-referral', 'post', '/referrals', true, true],
    ['update-status', 'patch', '/referrals/{referralId}/status', true, true],
    ['referral-analytics', 'get', '/students/{studentId}/referral-analytics', true, false],
    ['bulk-process', 'post', '/admin/referrals/bulk', true, true],
    ['campaign-processing', 'post', '/admin/campaigns/{campaignId}/process', true, false],
    ['ranking-calculation', 'post', '/students/{studentId}/ranking/calculate', true, false],
    ['achievement-check', 'post', '/students/{studentId}/achievements/check', true, false],
    ['referral-list', 'get', '/students/{studentId}/referrals', true, false],
    ['pending-admin', 'get', '/admin/referrals/pending', true, false],
    ['performance-report', 'get', '/admin/performance', true, false],
    ['health', 'get', '/health', false, false],
    ['metrics', 'get', '/metrics', false, false],
    ['openapi', 'get', '/openapi.json', false, false],
  ];

interface Operation {
  operationId?: string;
  security?: unknown;
  parameters?: Array<{ in: string; name: string; schema?: { format?: string } }>;
  requestBody?: { content: Record<string, { schema: { additionalProperties?: boolean } }> };
  responses: Record<string, unknown>;
}

describe('the OpenAPI document', () => {
  it('lists every route of the contract with its parameters, body, responses and security', async () => {
    const { app } = await startApi('optimized');
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as {
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
      components: { securitySchemes: unknown };
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    });

    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => `${method} ${path} ${op.operationId}`),
    );
    expect(documented.sort()).toEqual(contract.map(([label, method, path]) => `${method} ${path} ${label}`).sort());

    for (const [label, method, path, secured, body] of contract) {
      const op = doc.paths[path]![method]!;
      expect(op.security, label).toEqual(secured ? [{ bearerAuth: [] }] : undefined);
      for (const name of path.match(/\{(\w+)\}/g) ?? []) {
        const param = op.parameters?.find((p) => p.in === 'path' && `{${p.name}}` === name);
        expect(param?.schema?.format, `${label} ${name}`).toBe('uuid');
      }
      if (body) expect(op.requestBody?.content['application/json']?.schema.additionalProperties, label).toBe(false);
      else expect(op.requestBody, label).toBeUndefined();
      expect(Object.keys(op.responses), label).toContain(label === 'create-referral' ? '201' : '200');
      if (secured)
        expect(Object.keys(op.responses), label).toEqual(expect.arrayContaining(['400', '401', '403', '500', '503']));
    }
  });
});
