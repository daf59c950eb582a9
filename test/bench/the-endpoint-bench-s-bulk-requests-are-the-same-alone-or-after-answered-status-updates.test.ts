import { expect, test } from 'vitest';
import { pickEndpointInputs } from '../../bench/endpoint-inputs.js';
import { planEndpoints } from '../../bench/endpoint-plan.js';
import { endpointContext } from './endpoint-context.js';

/** The bulk-process requests a plan sends, after the status updates it answered (if any). */
function bulkRequests(answeredUpdates: number): string[] {
  const endpoints = planEndpoints(pickEndpointInputs(endpointContext, 7), 7, 300);
  const endpoint = (label: string) => endpoints.find((one) => one.label === label)!;
  for (let i = 0; i < answeredUpdates; i += 1) {
    const request = endpoint('update-status').request(i);
    request?.onResponse?.({ status: 200, body: undefined });
  }
  const sent: string[] = [];
  for (let i = 0; i < 50; i += 1) {
    const request = endpoint('bulk-process').request(i);
    if (request === undefined) break;
    sent.push(JSON.stringify(request.body));
  }
  return sent;
}

test("the endpoint bench's bulk requests are the same measured alone (--only) as after status updates the service answered", () => {
  const alone = bulkRequests(0);
  expect(alone.length).toBeGreaterThan(0);
  expect(bulkRequests(100)).toEqual(alone);
});
