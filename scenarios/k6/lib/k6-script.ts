/**
 * What every k6 entry script shares: the options (k6-options.ts) and the default function. A
 * virtual user runs the scenario's sessions (as k6 groups) or, per route and in the open model,
 * one journey request an iteration, with the scenario's think time. Parameters come from `-e`
 * flags: BASE_URL, CONTEXT_FILE (the ScenarioContext as JSON), LEVEL, WARMUP_MS, DURATION_MS,
 * MAX_REQUESTS, REPETITIONS, LIMITS (what the step is judged on, from its target rows) and, for
 * per-route steps, ROUTE.
 *
 * Writes follow the data as in the built-in runner, with one difference: k6 virtual users share no
 * state, so each works on its own share of the referrals (every VU-th of each organization's) and
 * no write races another's. Every write the service acknowledged is logged as a line
 * `referral-bench-ack {...}` for the harness to check against the database.
 */
import { group, sleep } from 'k6';
import exec from 'k6/execution';
import { expectedStatuses, request } from 'k6/http';
import { Counter } from 'k6/metrics';
import { bindJourney, bindSessions } from '../../bind-journey.js';
import { AcknowledgedWrites, acknowledgementMarker } from '../../acknowledged-writes.js';
import { WorkPools } from '../../work-pools.js';
import { createPrng, pickWeighted } from '../../../src/core/prng-function.js';
import { sampleThinkTime } from '../../../src/model/think-time.js';
import { classifyStatus } from '../../../src/model/request-outcome.js';
import type { LoadRequest, WeightedSession } from '../../../src/model/load-request.js';
import type { Scenario } from '../../scenario-schema.js';
import type { ScenarioContext } from '../../scenario-context.js';
import { k6OptionsFor, phaseTags, readStepEnv, stepRoutes, stepVus } from './k6-options.js';
import { contextShare } from './context-share.js';

const expectedRejections = new Counter('expected_rejections');
// k6's http_req_failed judges a response by its status alone; a request that reads its response
// (onResponse) can turn a passing status into an error (a bulk change that moved fewer rows) or a
// failing one into an expected rejection (a raced 409). These count the difference, so the
// summary's outcomes are the built-in runner's.
const errorsOnPassingStatus = new Counter('errors_on_passing_status');
const nonErrorsOnFailingStatus = new Counter('non_errors_on_failing_status');

function required(name: string): string {
  const value = __ENV[name];
  if (value === undefined || value === '') throw new Error(`k6 script: -e ${name}=... is required`);
  return value;
}

/** The k6 `options` of a scenario step. */
export function k6Options(scenario: Scenario): Record<string, unknown> {
  return k6OptionsFor(scenario, readStepEnv(__ENV));
}

function parseBody(body: string | null | undefined): unknown {
  if (body === null || body === undefined || body === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** The default function: one session (closed model) or one request (open model, per-route steps). */
export function k6Iteration(scenario: Scenario): () => void {
  const env = readStepEnv(__ENV);
  const baseUrl = required('BASE_URL').replace(/\/$/, '');
  const context = contextShare(
    JSON.parse(open(required('CONTEXT_FILE'))) as ScenarioContext,
    stepVus(scenario, env),
    __VU - 1,
  );
  const writes = new AcknowledgedWrites((entry) => console.log(`${acknowledgementMarker} ${JSON.stringify(entry)}`));
  const state = { pools: new WorkPools(context), writes };
  const routes = stepRoutes(scenario, env.route);
  const journey = scenario.journey.filter((step) => routes.includes(step.route));
  const sessions: readonly WeightedSession[] =
    env.route === undefined && scenario.sessions && scenario.load.model === 'closed'
      ? bindSessions(scenario.sessions, context, state)
      : bindJourney(journey, context, state).map((step) => ({
          weight: step.weight,
          name: 'request',
          steps: [step.request],
        }));
  const meanLength =
    sessions.reduce((sum, session) => sum + session.weight * session.steps.length, 0) /
    sessions.reduce((sum, session) => sum + session.weight, 0);
  // The count bound, in sessions: k6 counts iterations across VUs, not requests.
  const maxSessions = Math.max(1, Math.ceil(env.maxRequests / meanLength));
  const think = scenario.load.model === 'closed' ? scenario.load.thinkTime : undefined;

  const send = (next: LoadRequest): void => {
    const expected = next.expectedStatuses ?? [];
    const headers: Record<string, string> = { ...next.headers };
    if (next.body !== undefined) headers['content-type'] = 'application/json';
    const tags = { name: next.label, ...phaseTags(Date.now() - exec.scenario.startTime, env) };
    const response = request(
      next.method,
      baseUrl + next.path,
      next.body === undefined ? null : JSON.stringify(next.body),
      {
        headers,
        tags,
        responseCallback:
          expected.length > 0 ? expectedStatuses(...expected) : expectedStatuses({ min: 200, max: 399 }),
      },
    );
    const statusPassed =
      expected.length > 0 ? expected.includes(response.status) : response.status >= 200 && response.status <= 399;
    // As the built-in runner classifies it: the request's own reading of its response, else its status
    // (status 0: k6 got no response at all).
    const outcome =
      next.onResponse?.({ status: response.status, body: parseBody(response.body) }) ??
      (response.status === 0 ? { kind: 'error' as const } : classifyStatus(response.status, expected));
    if (outcome.kind === 'expected-rejection') expectedRejections.add(1, tags);
    if (outcome.kind === 'error' && statusPassed) errorsOnPassingStatus.add(1, tags);
    if (outcome.kind !== 'error' && !statusPassed) nonErrorsOnFailingStatus.add(1, tags);
  };

  const endMs = env.warmupMs + env.durationMs;
  const elapsed = (): number => Date.now() - exec.scenario.startTime;
  return () => {
    if (exec.scenario.iterationInTest >= maxSessions) {
      // Past the count bound: a closed-model user idles until the executor's time is up; an open-model arrival is dropped.
      if (think !== undefined) sleep(Math.max(0, Math.min(1000, endMs - elapsed())) / 1000);
      return;
    }
    const prng = createPrng(__VU * 100_003 + __ITER);
    const session = pickWeighted(sessions, prng);
    const user = { index: __VU - 1, iteration: __ITER };
    group(session.name, () => {
      for (const step of session.steps) {
        // Like the built-in runner's users, a session stops at the end of the measured load.
        if (elapsed() >= endMs) break;
        const next = step(prng, user);
        if (next === undefined) continue;
        send(next);
        if (think !== undefined) sleep(Math.max(0, Math.min(sampleThinkTime(think, prng), endMs - elapsed())) / 1000);
      }
    });
    session.end?.(user);
  };
}
