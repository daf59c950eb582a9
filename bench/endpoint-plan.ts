/**
 * The endpoint bench's requests: each endpoint of the journey bound to the seeded inputs by the
 * scenarios' own binding (scenarios/bind-journey.ts), its random choices (which referral, which
 * campaign, which phone number) drawn from a stream of the seed of its own, so an endpoint gets the
 * same requests whether measured alone (`--only`) or among the others.
 */
import { Prng } from '../src/core/prng.js';
import type { LoadRequest } from '../src/model/load-request.js';
import { AcknowledgedWrites } from '../scenarios/acknowledged-writes.js';
import { bindJourney } from '../scenarios/bind-journey.js';
import { routeLabels, type RouteLabel } from '../scenarios/route-labels.js';
import type { ScenarioContext } from '../scenarios/scenario-context.js';
import { WorkPools } from '../scenarios/work-pools.js';
import { endpointJourney, samplesOf } from './endpoint-journey.js';

export interface BenchEndpoint {
  readonly label: RouteLabel;
  /** Measured requests (after the warm-up). */
  readonly samples: number;
  /**
   * The i-th request (warm-up ones first): request i is user i, who sends as the i-th student of
   * the inputs. Undefined when a write has no referral left to move.
   */
  request(i: number): LoadRequest | undefined;
}

/** The seed's streams below this one pick the inputs (endpoint-inputs.ts). */
const firstEndpointStream = 16;

/**
 * Every endpoint of the journey over `inputs`; each write endpoint has work pools of its own, so
 * what one moves (an update-status's contacted referral) never becomes another's input (bulk
 * processing claims contacted ones) and `--only` sends what a full run sends. Given
 * `statusUpdates`, the status updates take their pending referrals from the first `statusUpdates`
 * of each organization, and the other endpoints never see those: measured in passes, a bulk request that runs short of contacted
 * referrals takes pending ones, and must not take one a later status update will move. A created referral's
 * id is the service's, not the seed's, so the bench does not follow it (a run does): writes move
 * only seeded referrals, and the same seed sends the same requests.
 */
export function planEndpoints(
  inputs: ScenarioContext,
  seed: number,
  samples: number,
  statusUpdates?: number,
): BenchEndpoint[] {
  const [updateInputs, otherInputs] =
    statusUpdates === undefined ? [inputs, inputs] : splitPending(inputs, statusUpdates);
  return endpointJourney.map((step) => {
    const own = step.route === 'update-status' ? updateInputs : otherInputs;
    const state = { pools: new WorkPools(own), writes: new AcknowledgedWrites() };
    const source = new Prng(seed, firstEndpointStream + routeLabels.indexOf(step.route));
    const prng = () => source.next();
    const [bound] = bindJourney([step], own, step.route === 'create-referral' ? undefined : state);
    const build = bound!.request;
    return {
      label: step.route,
      samples: samplesOf(step.route, samples),
      request: (i) => build(prng, { index: i, iteration: 0 }),
    };
  });
}

/** The inputs with each organization's pending referrals split at `first`: the first ones, and the rest. */
function splitPending(inputs: ScenarioContext, first: number): [ScenarioContext, ScenarioContext] {
  const part = (pick: (pending: readonly string[]) => readonly string[]): ScenarioContext => ({
    organizations: inputs.organizations.map((organization) => ({
      ...organization,
      referralIdsByStatus: {
        ...organization.referralIdsByStatus,
        pending: pick(organization.referralIdsByStatus.pending),
      },
    })),
  });
  return [part((pending) => pending.slice(0, first)), part((pending) => pending.slice(first))];
}
