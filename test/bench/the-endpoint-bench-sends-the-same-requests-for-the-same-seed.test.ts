import { describe, expect, it } from 'vitest';
import { pickEndpointInputs } from '../../bench/endpoint-inputs.js';
import { planEndpoints } from '../../bench/endpoint-plan.js';
import { endpointContext } from './endpoint-context.js';

/** Every endpoint's first `count` requests for `seed`: what would be sent, tokens included. */
function requests(seed: number, count: number) {
  const endpoints = planEndpoints(pickEndpointInputs(endpointContext, seed), seed, 300);
  return endpoints.map((endpoint) => ({
    label: endpoint.label,
    sent: Array.from({ length: count }, (_, i) => {
      const request = endpoint.request(i);
      return request && { method: request.method, path: request.path, headers: request.headers, body: request.body };
    }),
  }));
}

describe('the endpoint bench picks its inputs with the seeded generator', () => {
  it('sends the same requests, in the same order, for the same seed', () => {
    expect(requests(7, 120)).toEqual(requests(7, 120));
  });

  it('sends other students, referrals and campaigns for another seed', () => {
    const [one, other] = [requests(7, 30), requests(8, 30)];
    for (const label of [
      'student-profile',
      'calculate-points',
      'update-status',
      'campaign-processing',
      'bulk-process',
    ]) {
      const paths = (plan: typeof one) =>
        JSON.stringify(
          plan.find((endpoint) => endpoint.label === label)?.sent.map((request) => [request?.path, request?.body]),
        );
      expect(paths(one), label).not.toBe(paths(other));
    }
  });

  it('moves only seeded referrals: one the service created has an id the seed did not give', () => {
    const endpoints = planEndpoints(pickEndpointInputs(endpointContext, 7), 7, 300);
    const send = (label: string, i: number) => endpoints.find((endpoint) => endpoint.label === label)!.request(i);
    send('create-referral', 0)?.onResponse?.({ status: 201, body: { id: 'created-by-the-service' } });
    const bulks = [];
    for (let i = 0; ; i += 1) {
      const request = send('bulk-process', i);
      if (request === undefined) break;
      bulks.push(request);
    }
    expect(bulks.length).toBeGreaterThan(1);
    expect(JSON.stringify(bulks)).not.toContain('created-by-the-service');
  });

  it('sends as the largest organization only, each status update on a pending referral of its own', () => {
    const updates = requests(7, 120).find((endpoint) => endpoint.label === 'update-status')!.sent;
    const ids = updates.map((request) => /^\/referrals\/(.+)\/status$/.exec(request!.path)?.[1]);
    expect(new Set(ids).size).toBe(updates.length);
    for (const id of ids) expect(id).toMatch(/^org-large-pending-\d+$/);
    for (const endpoint of requests(7, 10))
      for (const request of endpoint.sent) expect(JSON.stringify(request)).not.toContain('org-small');
  });
});
