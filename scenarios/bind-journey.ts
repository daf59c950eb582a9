/** Turns a scenario's journey or sessions (data) into the runners' request factories over a context. */
import type {
  LoadRequest,
  RequestFactory,
  VirtualUser,
  WeightedSession,
  WeightedStep,
} from '../src/model/load-request.js';
import type { Prng } from '../src/core/prng-function.js';
import { routeRequests } from './route-requests.js';
import type { ScenarioContext } from './scenario-context.js';
import type { JourneyStep, SessionStep, ScenarioSession } from './scenario-schema.js';
import type { LiveSession, LoadState } from './stateful-writes.js';

type Build = (prng: Prng, user: VirtualUser, live: LiveSession | undefined) => LoadRequest | undefined;

function builder(step: SessionStep, context: ScenarioContext): Build {
  const build = routeRequests[step.route];
  const options = step.status === undefined ? undefined : { status: step.status };
  return (prng, user, live) => {
    const request = build(context, prng, user, live, options);
    if (request === undefined || step.query === undefined) return request;
    return { ...request, path: `${request.path}${request.path.includes('?') ? '&' : '?'}${step.query}` };
  };
}

/**
 * The runnable journey: each step's route builder bound to the seeded data. With a load state,
 * writes follow the work pools, each request a session of its own (an open-model arrival).
 */
export function bindJourney(
  journey: readonly JourneyStep[],
  context: ScenarioContext,
  state?: LoadState,
): WeightedStep[] {
  return journey.map((step) => {
    const build = builder(step, context);
    const request: RequestFactory = (prng, user) =>
      build(prng, user, state && { state, session: user.index, held: [], continues: false });
    return { weight: step.weight, request };
  });
}

/**
 * The runnable sessions: each virtual user's run of a session shares what it claims between its
 * steps (the referral an admin contacts is the one it then enrolls) and lets go of it at the end.
 */
export function bindSessions(
  sessions: readonly ScenarioSession[],
  context: ScenarioContext,
  state?: LoadState,
): WeightedSession[] {
  return sessions.map((session) => {
    const builds = session.steps.map((step) => builder(step, context));
    // One session at a time per virtual user: what it holds, by user index.
    const held = new Map<number, string[]>();
    const holding = (user: VirtualUser): string[] => {
      let ids = held.get(user.index);
      if (ids === undefined) held.set(user.index, (ids = []));
      return ids;
    };
    return {
      name: session.name,
      weight: session.weight,
      steps: builds.map(
        (build, index): RequestFactory =>
          (prng, user) =>
            build(
              prng,
              user,
              state && { state, session: user.index, held: holding(user), continues: index < builds.length - 1 },
            ),
      ),
      end: (user) => {
        const ids = held.get(user.index);
        if (ids && state) state.pools.release(ids, user.index);
        held.delete(user.index);
      },
    };
  });
}
