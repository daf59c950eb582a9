import { expect, test } from 'vitest';
import { pickEndpointInputs } from '../../bench/endpoint-inputs.js';
import { planEndpoints } from '../../bench/endpoint-plan.js';
import { endpointContext } from './endpoint-context.js';

// Measured in passes, the bulk requests run between the status updates; once the contacted
// referrals run short they take pending ones, which a status update must not be about to move.
test("the endpoint bench's status updates and bulk requests never move the same referral", () => {
  const updates = 200;
  const endpoints = planEndpoints(pickEndpointInputs(endpointContext, 7), 7, 300, updates);
  const endpoint = (label: string) => endpoints.find((one) => one.label === label)!;
  const moved = { 'update-status': new Set<string>(), 'bulk-process': new Set<string>() };
  let fromPending = 0;
  // Alternate as the passes do: some status updates, then some bulk requests, answered as done.
  for (let pass = 0; pass < 4; pass += 1) {
    for (let i = pass * 50; i < (pass + 1) * 50; i += 1) {
      const request = endpoint('update-status').request(i);
      if (request === undefined) continue;
      moved['update-status'].add(request.path.split('/')[2]!);
      request.onResponse?.({ status: 200, body: undefined });
    }
    for (let i = pass * 4; i < (pass + 1) * 4; i += 1) {
      const request = endpoint('bulk-process').request(i);
      if (request === undefined) continue;
      const ids = (request.body as { referralIds: string[] }).referralIds;
      for (const id of ids) moved['bulk-process'].add(id);
      if (ids.some((id) => id.includes('-pending-'))) fromPending += 1;
      request.onResponse?.({ status: 200, body: { processed: ids.length, failed: 0 } });
    }
  }
  expect(moved['update-status'].size).toBeGreaterThan(100);
  expect(fromPending).toBeGreaterThan(0);
  for (const id of moved['bulk-process']) expect(moved['update-status'].has(id), id).toBe(false);
});
