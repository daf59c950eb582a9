/**
 * What every k6 entry script shares: k6 options and thresholds derived from the scenario's data,
 * and one iteration (one journey request, then think time). Parameters come from `-e` flags:
 * BASE_URL, CONTEXT_FILE (the ScenarioContext as JSON), LEVEL, DURATION_MS, MAX_REQUESTS and,
 * for per-route steps, ROUTE.
 */
import { sleep } from 'k6';
import { expectedStatuses, request } from 'k6/http';
import { Counter } from 'k6/metrics';
import { bindJourney } from '../../bind-journey.js';
import { createPrng, pickWeighted } from '../../../src/harness/runners/prng.js';
import { sampleThinkTime } from '../../../src/harness/runners/think-time.js';
import type { Scenario, ScenarioThreshold } from '../../scenario-schema.js';
import type { ScenarioContext } from '../../scenario-context.js';

const expectedRejections = new Counter('expected_rejections');

function required(name: string): string {
  const value = __ENV[name];
  if (value === undefined || value === '') throw new Error(`k6 script: -e ${name}=... is required`);
  return value;
}

/** The journey steps this run uses: all of them, or the one route named by ROUTE. */
function journeyOf(scenario: Scenario): Scenario['journey'] {
  const route = __ENV.ROUTE;
  if (route === undefined || route === '') return scenario.journey;
  const steps = scenario.journey.filter((step) => step.route === route);
  if (steps.length === 0) throw new Error(`k6 script: ROUTE=${route} is not in the ${scenario.name} journey`);
  return steps;
}

const statistic: Record<ScenarioThreshold['statistic'], string | undefined> = {
  mean: 'avg', p50: 'med', p95: 'p(95)', p99: 'p(99)', errorRate: undefined, correctedP95: undefined, correctedP99: undefined,
};

/** k6 thresholds from the scenario's, plus always-true ones per route so per-route figures reach the summary export. */
function thresholdsOf(scenario: Scenario): Record<string, string[]> {
  const thresholds: Record<string, string[]> = {};
  const add = (metric: string, expression: string): void => { (thresholds[metric] ??= []).push(expression); };
  for (const step of journeyOf(scenario)) {
    add(`http_req_duration{name:${step.route}}`, 'max>=0');
    add(`http_reqs{name:${step.route}}`, 'count>=0');
    add(`http_req_failed{name:${step.route}}`, 'rate>=0');
  }
  for (const threshold of scenario.thresholds) {
    // Coordinated-omission-corrected figures have no k6 counterpart: its open model does not wait for responses.
    if (threshold.statistic === 'errorRate') add('http_req_failed', `rate<=${threshold.max}`);
    const stat = statistic[threshold.statistic];
    if (stat !== undefined) add(threshold.route === undefined ? 'http_req_duration' : `http_req_duration{name:${threshold.route}}`, `${stat}<=${threshold.max}`);
  }
  return thresholds;
}

/** The k6 `options` of a scenario: closed model as shared iterations, open model as constant arrival rate. */
export function k6Options(scenario: Scenario): Record<string, unknown> {
  const level = Number(required('LEVEL'));
  const durationMs = Number(required('DURATION_MS'));
  const maxRequests = Number(required('MAX_REQUESTS'));
  const executor = scenario.load.model === 'closed'
    // Bounded by count and time, like the built-in runner.
    ? { executor: 'shared-iterations', vus: level, iterations: maxRequests, maxDuration: `${durationMs}ms` }
    : {
        executor: 'constant-arrival-rate', rate: level, timeUnit: '1s',
        duration: `${Math.max(1, Math.min(durationMs, Math.floor((maxRequests / level) * 1000)))}ms`,
        preAllocatedVUs: scenario.load.maxInFlight ?? 100,
      };
  return { scenarios: { [scenario.name]: executor }, thresholds: thresholdsOf(scenario) };
}

/** The default function: one request of the journey, then (closed model) the think time. */
export function k6Iteration(scenario: Scenario): () => void {
  const baseUrl = required('BASE_URL').replace(/\/$/, '');
  const context = JSON.parse(open(required('CONTEXT_FILE'))) as ScenarioContext;
  const journey = bindJourney(journeyOf(scenario), context);
  const think = scenario.load.thinkTime;
  return () => {
    const prng = createPrng(__VU * 100_003 + __ITER);
    const next = pickWeighted(journey, prng).request(prng, { index: __VU - 1, iteration: __ITER });
    // Bound without a load state, the journey always builds a request; a guard for the type.
    if (next === undefined) return;
    const expected = next.expectedStatuses ?? [];
    const headers: Record<string, string> = { ...next.headers };
    if (next.body !== undefined) headers['content-type'] = 'application/json';
    const response = request(next.method, baseUrl + next.path, next.body === undefined ? null : JSON.stringify(next.body), {
      headers,
      tags: { name: next.label },
      responseCallback: expected.length > 0 ? expectedStatuses(...expected) : expectedStatuses({ min: 200, max: 399 }),
    });
    if (response.status >= 400 && expected.includes(response.status)) expectedRejections.add(1, { name: next.label });
    if (think !== undefined) sleep(sampleThinkTime(think, prng) / 1000);
  };
}
