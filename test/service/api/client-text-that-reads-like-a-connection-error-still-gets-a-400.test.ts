import { beforeAll, describe, expect, it } from 'vitest';
import { adminAuth, startApi, type ApiHarness } from './api-harness.js';
import { createOrganization } from '../../helpers/fixtures.js';

// The service answers 503 when the database cannot be reached, and some of the pool's faults say
// so only in their message. A validation message can quote the request (an unknown property's
// name, a path too long for the router), so a request that carries those words must not be
// taken for the database going away.
let api: ApiHarness;
let admin: Record<string, string>;

beforeAll(async () => {
  api = await startApi();
  admin = adminAuth((await createOrganization(api.db.pool)).id);
});

describe('a request quoting a connection fault', () => {
  it('gets a 400 for an unknown query parameter named like one', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/leaderboard?Connection%20terminated=1',
      headers: admin,
    });
    expect([response.statusCode, response.json()]).toMatchObject([400, { error: { code: 'VALIDATION_FAILED' } }]);
  });

  it('gets a 400 for an unknown body property named like one', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/referrals',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: { referredName: 'Friend', referredPhone: '+998900000002', 'Client was closed': 1 },
    });
    expect([response.statusCode, response.json()]).toMatchObject([400, { error: { code: 'VALIDATION_FAILED' } }]);
  });

  it('gets a 400 for an over-long path segment holding one, before any token is read', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: `/students/Connection%20terminated${'x'.repeat(100)}/profile`,
    });
    expect([response.statusCode, response.json()]).toMatchObject([400, { error: { code: 'VALIDATION_FAILED' } }]);
  });
});
