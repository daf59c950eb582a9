import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminAuth, startApi, studentAuth } from './api-harness.js';
import { snapshotTables } from './table-snapshot.js';
import {
  buildRequests,
  createWorld,
  operationsWithoutRequests,
  securedOperations,
  toInject,
  type Operation,
  type RouteRequest,
} from './route-requests.js';
import { createOrganization } from '../../helpers/fixtures.js';

describe('a token after its expiry', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is refused with 401 TOKEN_EXPIRED on every route where it worked a moment before, and changes nothing', async () => {
    const { app, db } = await startApi('optimized', { slowOperationThresholdMs: 3_600_000 });
    const org = await createOrganization(db.pool);
    const world = await createWorld(db.pool, org.id);
    const operations = await securedOperations(app);
    expect(operationsWithoutRequests(operations)).toEqual([]);
    // A round of requests each side of the expiry: the first round changes state (it declines,
    // enrols, creates), so the second needs its own fixtures to fail for the token alone.
    const rounds: Array<Array<{ operation: Operation; request: RouteRequest }>> = [[], []];
    for (const round of rounds) {
      for (const operation of operations) {
        for (const request of await buildRequests(operation, world)) round.push({ operation, request });
      }
    }
    const [live, replayed] = rounds as [(typeof rounds)[0], (typeof rounds)[0]];

    // Only Date is faked: the verifier reads it for exp, while sockets and timers stay real.
    const issuedAt = Math.floor(Date.now() / 1000) * 1000;
    vi.useFakeTimers({ toFake: ['Date'], now: issuedAt });
    const admin = adminAuth(org.id, 60);
    const student = studentAuth(world.student, 60);
    const profile = `/students/${world.student.id}/profile`;

    vi.setSystemTime(issuedAt + 59_999);
    const worked = [];
    for (const { operation, request } of live) {
      const response = await app.inject(toInject(operation, request, admin));
      worked.push(`${operation.operationId}: ${response.statusCode < 300 ? 'worked' : response.body}`);
    }
    expect(worked).toEqual(live.map(({ operation }) => `${operation.operationId}: worked`));
    expect((await app.inject({ method: 'GET', url: profile, headers: student })).statusCode).toBe(200);

    // The verifier caches verified tokens: the cached entry must end at the token's expiry too.
    vi.setSystemTime(issuedAt + 60_001);
    const before = await snapshotTables(db.pool);
    const refused = [];
    for (const { operation, request } of replayed) {
      const response = await app.inject(toInject(operation, request, admin));
      refused.push(
        `${operation.operationId}: ${response.statusCode} ${(response.json() as { error?: { code?: string } }).error?.code ?? ''}`,
      );
    }
    expect(refused).toEqual(replayed.map(({ operation }) => `${operation.operationId}: 401 TOKEN_EXPIRED`));
    expect((await app.inject({ method: 'GET', url: profile, headers: student })).json()).toMatchObject({
      error: { code: 'TOKEN_EXPIRED' },
    });
    expect(await snapshotTables(db.pool)).toEqual(before);
  });
});
