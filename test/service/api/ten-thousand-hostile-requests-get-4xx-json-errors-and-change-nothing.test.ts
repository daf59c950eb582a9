import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSigner, type SignerOptions } from 'fast-jwt';
import type { HTTPMethods, LightMyRequestResponse } from 'fastify';
import { resolveServiceConfig } from '../../../src/service/config.js';
import { errorCatalog } from '../../../src/service/errors.js';
import { adminAuth, startApi, studentAuth, tokenSecret, type ApiHarness } from './api-harness.js';
import {
  hostileRequests,
  operationsOf,
  type HostileRequest,
  type OpenApiDocument,
  type World,
} from './hostile-requests.js';
import { snapshotPublicTables } from './table-snapshot.js';
import { createCampaign, createOrganization, createReferral, createStudent, enroll } from '../../helpers/fixtures.js';

/** Fixed so a failure replays: operation i runs on seed + i; fast-check's report adds the path to the counterexample. */
const seed = 20_240_611;
const minimumRequests = 10_000;
// Reads write these two by design: GET /leaderboard refills its cache table, and the slow-operation
// recorder logs any operation over its threshold. Every other table must be left as it was.
const writtenByReads = ['referral_leaderboard_cache', 'referral_performance_metrics'];

let api: ApiHarness;
let world: World;

async function seedWorld(): Promise<World> {
  const { pool } = api.db;
  const org = await createOrganization(pool);
  const other = await createOrganization(pool);
  const [alice, bob, dave] = [
    await createStudent(pool, org.id),
    await createStudent(pool, org.id),
    await createStudent(pool, other.id),
  ];
  const pending = await createReferral(pool, alice);
  const contacted = await createReferral(pool, alice);
  await pool.query(`UPDATE student_referrals SET status = 'contacted' WHERE id = $1`, [contacted]);
  const enrolled = await createReferral(pool, alice);
  await enroll(pool, enrolled);
  const declined = await createReferral(pool, bob);
  await pool.query(`UPDATE student_referrals SET status = 'declined', decline_reason = 'moved away' WHERE id = $1`, [
    declined,
  ]);
  const elsewhere = await createReferral(pool, dave);
  const campaigns = [
    await createCampaign(pool, org.id, { basePoints: 100, multiplier: '1.50', startDate: '2020-01-01' }),
    await createCampaign(pool, org.id, {
      basePoints: 100,
      multiplier: '1.00',
      startDate: '2020-01-01',
      isActive: false,
    }),
    await createCampaign(pool, other.id, { basePoints: 50, multiplier: '2.00', startDate: '2020-01-01' }),
  ];

  const claims = { org: org.id, role: 'admin' };
  const signed = (
    options: Partial<SignerOptions & { key: string }>,
    payload: Record<string, string> = claims,
  ): string => `Bearer ${createSigner(options)(payload)}`;
  const hour = 3_600_000;
  return {
    ids: [org.id, other.id, alice.id, bob.id, dave.id, pending, contacted, enrolled, declined, elsewhere, ...campaigns],
    adminTokens: [adminAuth(org.id), adminAuth(other.id), adminAuth(randomUUID())].map(
      (header) => header.authorization,
    ),
    studentTokens: [studentAuth(alice), studentAuth(bob), studentAuth(dave)].map((header) => header.authorization),
    badTokens: [
      signed({ key: tokenSecret, expiresIn: 1000, clockTimestamp: Date.now() - hour }),
      signed({ key: 'another-secret-of-some-length', expiresIn: hour }),
      signed({ algorithm: 'none', expiresIn: hour }),
      signed({ key: tokenSecret, algorithm: 'HS512', expiresIn: hour }),
      signed({ key: tokenSecret }),
      signed({ key: tokenSecret, expiresIn: hour }, { org: org.id, role: 'root' }),
      signed({ key: tokenSecret, expiresIn: hour }, { org: 'not-a-uuid', role: 'admin' }),
      signed({ key: tokenSecret, expiresIn: hour }, { org: org.id, role: 'student' }),
      'Basic YTpi',
      'Bearer',
      'Bearer ',
      '',
    ],
    bodyLimitBytes: resolveServiceConfig({ databaseUrl: api.db.url, tokenSecret }).bodyLimitBytes,
  };
}

function describeRequest(request: HostileRequest): string {
  const clip = (text: string): string => (text.length > 300 ? `${text.slice(0, 300)}... (${text.length} chars)` : text);
  return (
    `${request.method} ${clip(request.url)} headers ${clip(JSON.stringify(request.headers))}` +
    ` payload ${request.payload === undefined ? '-' : clip(JSON.stringify(request.payload))} defects [${request.defects.map((d) => d.at).join(', ')}]`
  );
}

/** What is wrong with the answer, if anything. */
function problemWith(request: HostileRequest, response: LightMyRequestResponse): string | undefined {
  const status = response.statusCode;
  if (status >= 500) return `answered ${status}`;
  if (status < 400) {
    if (status >= 300) return `answered ${status}`;
    if (request.method !== 'GET') return `a request to a route that writes answered ${status}`;
    if (request.defects.length > 0) return `a request with defects answered ${status}`;
    // An accidentally valid read: allowed, and it must not have written (the table check).
    return undefined;
  }
  if (!String(response.headers['content-type']).startsWith('application/json')) return `a ${status} is not JSON`;
  let body: unknown;
  try {
    body = response.json();
  } catch {
    return `a ${status} has a body that does not parse`;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
  if (
    Object.keys(body as object).join() !== 'error' ||
    error === undefined ||
    Object.keys(error).join() !== 'code,message' ||
    typeof error.code !== 'string' ||
    typeof error.message !== 'string'
  )
    return `a ${status} is not { error: { code, message } }`;
  const entry = (errorCatalog as Record<string, { status: number } | undefined>)[error.code];
  if (!entry) return `code ${error.code} is not in the error catalogue`;
  if (entry.status !== status) return `code ${error.code} came with ${status}; the catalogue says ${entry.status}`;
  const message = error.message;
  if (
    error.code === 'VALIDATION_FAILED' &&
    !request.defects.some((defect) => defect.named.some((named) => message.includes(named)))
  ) {
    return `the validation message "${message}" names none of ${JSON.stringify(request.defects.flatMap((d) => d.named))}`;
  }
  return undefined;
}

describe('ten thousand hostile requests over every OpenAPI route', () => {
  beforeAll(async () => {
    api = await startApi('optimized');
    world = await seedWorld();
  });

  it('get JSON 4xx answers with catalogued codes naming the bad field, never a 5xx, and change no row', async () => {
    const document = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json() as OpenApiDocument;
    const operations = operationsOf(document);
    const runsEach = Math.ceil(minimumRequests / operations.length);
    const before = await snapshotPublicTables(api.db.pool, writtenByReads);
    const sent: Record<string, number> = {};
    const statuses: Record<number, number> = {};
    let total = 0;
    const started = performance.now();

    for (const [index, operation] of operations.entries()) {
      const details = await fc.check(
        fc.asyncProperty(hostileRequests(operation, world), async (request) => {
          total += 1;
          sent[operation.id] = (sent[operation.id] ?? 0) + 1;
          const response = await api.app.inject({
            method: request.method as HTTPMethods,
            url: request.url,
            headers: request.headers,
            ...(request.payload === undefined ? {} : { payload: request.payload }),
          });
          statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
          const problem = problemWith(request, response);
          if (problem)
            throw new Error(
              `${problem}\n  request: ${describeRequest(request)}\n  answer: ${response.statusCode} ${response.body.slice(0, 300)}`,
            );
        }),
        { seed: seed + index, numRuns: runsEach },
      );
      const failure = details.errorInstance instanceof Error ? details.errorInstance.message : '';
      expect(
        details.failed,
        `seed ${seed + index} (${operation.id}), after ${total} requests: ${failure}\n${fc.defaultReportMessage(details)}`,
      ).toBe(false);
    }

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `hostile requests: ${total} sent in ${seconds} s with seed ${seed}; by status ${JSON.stringify(statuses)}; by route ${JSON.stringify(sent)}`,
    );
    expect(total, `seed ${seed}`).toBeGreaterThanOrEqual(minimumRequests);
    expect(
      await snapshotPublicTables(api.db.pool, writtenByReads),
      `seed ${seed}: ${total} requests changed rows`,
    ).toEqual(before);
  });
});
