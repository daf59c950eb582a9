/**
 * The k6 options of a scenario step, as a pure function of the scenario and the run's parameters
 * (no k6 import, so it is tested without a k6 binary). The k6 run has the built-in runner's shape:
 * - closed model: `ramping-vus`, users ramped up over the scenario's ramp-up, then held for the
 *   rest of the warm-up and the measured load; open model: `constant-arrival-rate` over both;
 * - every request is tagged with its phase, and measured ones with their repetition, so the
 *   warm-up is left out of every figure and each repetition is summarised on its own (k6 puts a
 *   tagged sub-metric in its summary export when a threshold names it, hence the always-true
 *   thresholds below);
 * - judged on the limits the harness hands it (`-e LIMITS`), which it derives from the target rows
 *   of the step (src/harness/targets/step-limits.ts): the script and its scenario hold no pass/fail
 *   number of their own;
 * - bounded by time (the executor's duration) and count (the script stops working at the bound).
 */
import { badFlag } from '../../../src/core/errors.js';
import { parseWholeNumber } from '../../../src/core/whole-number.js';
import type { Scenario } from '../../scenario-schema.js';

/** One pass/fail limit of a step, judged by k6 on the measured phase. */
export interface K6Limit {
  readonly statistic: 'mean' | 'p50' | 'p95' | 'p99' | 'errorRate';
  /** The figure must be at most this: ms, or 0..1 for errorRate. */
  readonly max: number;
  /** Only this route's requests; all of the step's when absent. */
  readonly route?: string;
}

const limitStatistics = ['mean', 'p50', 'p95', 'p99', 'errorRate'] as const;

/**
 * The limits as one `-e LIMITS=` value: `statistic[@route]:max`, comma-separated, e.g.
 * `p95:245,errorRate:0,p95@referral-list:12` (no spaces, quotes or shell operators, so it passes
 * unchanged through a TestRun's arguments or a compose file).
 */
export function formatLimits(limits: readonly K6Limit[]): string {
  return limits
    .map((limit) => `${limit.statistic}${limit.route === undefined ? '' : `@${limit.route}`}:${limit.max}`)
    .join(',');
}

/** Reads `-e LIMITS` (formatLimits' form); empty or absent: no limits. */
export function parseLimits(value: string | undefined): K6Limit[] {
  if (value === undefined || value === '') return [];
  return value.split(',').map((item) => {
    const match = /^([A-Za-z0-9]+)(?:@([a-z0-9-]+))?:(\d+(?:\.\d+)?(?:e-?\d+)?)$/.exec(item);
    const statistic = limitStatistics.find((candidate) => candidate === match?.[1]);
    if (match === null || statistic === undefined)
      throw badFlag(
        '-e LIMITS',
        `expected statistic[@route]:max items, the statistic one of ${limitStatistics.join(', ')}, got ${JSON.stringify(item)}`,
      );
    const route = match[2];
    return { statistic, max: Number(match[3]), ...(route === undefined ? {} : { route }) };
  });
}

/** The step parameters the harness passes with `-e`. */
export interface K6StepEnv {
  readonly level: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly maxRequests: number;
  readonly repetitions: number;
  /** Per-route steps: only this journey route. */
  readonly route?: string;
  /** What the step is judged on (`-e LIMITS`). */
  readonly limits: readonly K6Limit[];
}

/** A step parameter, through the project's one whole-number parser (a bad one names its `-e` flag). */
function integer(env: Readonly<Record<string, string | undefined>>, name: string, min: number): number {
  return parseWholeNumber(`-e ${name}`, env[name], min, Number.MAX_SAFE_INTEGER);
}

/** Reads the step's parameters from k6's `__ENV`; a missing or bad one names its flag. */
export function readStepEnv(env: Readonly<Record<string, string | undefined>>): K6StepEnv {
  const route = env.ROUTE;
  return {
    level: integer(env, 'LEVEL', 1),
    warmupMs: integer(env, 'WARMUP_MS', 0),
    durationMs: integer(env, 'DURATION_MS', 1),
    maxRequests: integer(env, 'MAX_REQUESTS', 1),
    repetitions: integer(env, 'REPETITIONS', 1),
    limits: parseLimits(env.LIMITS),
    ...(route === undefined || route === '' ? {} : { route }),
  };
}

/** The journey routes of the step: all of them, or its one route. */
export function stepRoutes(scenario: Scenario, route: string | undefined): string[] {
  const routes = [...new Set(scenario.journey.map((step) => step.route))];
  if (route === undefined) return routes;
  if (!(routes as string[]).includes(route))
    throw new Error(`k6 script: ROUTE=${route} is not in the ${scenario.name} journey`);
  return [route];
}

/** The virtual users of the step: its users (closed) or the requests it may have in flight (open). */
export function stepVus(scenario: Scenario, env: K6StepEnv): number {
  return scenario.load.model === 'closed' ? env.level : (scenario.load.maxInFlight ?? 100);
}

/**
 * The tags of a request sent `elapsedMs` after the step started: its phase, and its repetition when
 * measured. One sent after the measured load's end (a k6 iteration finishing during the graceful
 * stop) is 'after', left out like the warm-up.
 */
export function phaseTags(
  elapsedMs: number,
  env: K6StepEnv,
): { phase: 'warm-up' | 'after' } | { phase: 'measured'; rep: string } {
  if (elapsedMs < env.warmupMs) return { phase: 'warm-up' };
  if (elapsedMs >= env.warmupMs + env.durationMs) return { phase: 'after' };
  const repetitionMs = env.durationMs / env.repetitions;
  return {
    phase: 'measured',
    rep: String(Math.min(env.repetitions - 1, Math.floor((elapsedMs - env.warmupMs) / repetitionMs))),
  };
}

/** A latency limit's aggregation method, in k6's threshold syntax for a Trend. */
const trendMethod: Record<Exclude<K6Limit['statistic'], 'errorRate'>, string> = {
  mean: 'avg',
  p50: 'med',
  p95: 'p(95)',
  p99: 'p(99)',
};

/** The sub-metric name of `metric` filtered by `tags`, as k6 writes it in thresholds and the summary. */
export function subMetric(metric: string, tags: Readonly<Record<string, string>>): string {
  return `${metric}{${Object.entries(tags)
    .map(([key, value]) => `${key}:${value}`)
    .join(',')}}`;
}

/**
 * Thresholds: the step's limits, on the measured phase; and always-true ones that make k6 export
 * the measured phase's figures per route and per repetition.
 */
export function k6Thresholds(scenario: Scenario, env: K6StepEnv): Record<string, string[]> {
  const thresholds: Record<string, string[]> = {};
  const add = (metric: string, expression: string): void => {
    const expressions = (thresholds[metric] ??= []);
    if (!expressions.includes(expression)) expressions.push(expression);
  };
  const exported = (tags: Record<string, string>): void => {
    add(subMetric('http_req_duration', tags), 'max>=0');
    add(subMetric('http_reqs', tags), 'count>=0');
    add(subMetric('http_req_failed', tags), 'rate>=0');
    add(subMetric('expected_rejections', tags), 'count>=0');
    add(subMetric('errors_on_passing_status', tags), 'count>=0');
    add(subMetric('non_errors_on_failing_status', tags), 'count>=0');
  };
  const measured = { phase: 'measured' };
  exported(measured);
  for (let rep = 0; rep < env.repetitions; rep += 1) exported({ ...measured, rep: String(rep) });
  const routes = stepRoutes(scenario, env.route);
  for (const route of routes) {
    exported({ name: route, ...measured });
    for (let rep = 0; rep < env.repetitions; rep += 1) exported({ name: route, ...measured, rep: String(rep) });
  }
  // A limit on another route than the step's has no requests to judge.
  for (const limit of env.limits.filter(
    (candidate) => candidate.route === undefined || routes.includes(candidate.route),
  )) {
    const tags = limit.route === undefined ? measured : { name: limit.route, ...measured };
    if (limit.statistic === 'errorRate') add(subMetric('http_req_failed', tags), `rate<=${limit.max}`);
    else add(subMetric('http_req_duration', tags), `${trendMethod[limit.statistic]}<=${limit.max}`);
  }
  return thresholds;
}

/** The k6 executor of the step. */
export function k6Executor(scenario: Scenario, env: K6StepEnv): Record<string, unknown> {
  const totalMs = env.warmupMs + env.durationMs;
  if (scenario.load.model === 'closed') {
    const rampMs = Math.min(scenario.load.rampUpMs ?? 0, totalMs - 1);
    const stages =
      rampMs > 0
        ? [
            { duration: `${rampMs}ms`, target: env.level },
            { duration: `${totalMs - rampMs}ms`, target: env.level },
          ]
        : [{ duration: `${totalMs}ms`, target: env.level }];
    // Users finish the request in hand at the end, as the built-in runner's do.
    return {
      executor: 'ramping-vus',
      startVUs: rampMs > 0 ? 0 : env.level,
      stages,
      gracefulRampDown: '0s',
      gracefulStop: '30s',
    };
  }
  const vus = stepVus(scenario, env);
  return {
    executor: 'constant-arrival-rate',
    rate: env.level,
    timeUnit: '1s',
    duration: `${env.warmupMs + openMeasuredMs(env)}ms`,
    preAllocatedVUs: vus,
    maxVUs: vus,
    gracefulStop: '30s',
  };
}

/**
 * The open model's measured load: its duration, or less where the count bound (warm-up arrivals
 * included, as the built-in runner counts them) ends the arrivals first. The runner passes it on
 * as the step's duration, so the executor, the repetitions' tags and the summary share it.
 */
export function openMeasuredMs(env: Pick<K6StepEnv, 'durationMs' | 'warmupMs' | 'maxRequests' | 'level'>): number {
  return Math.max(1, Math.min(env.durationMs, Math.floor((env.maxRequests / env.level) * 1000) - env.warmupMs));
}

/** The script's `options`. */
export function k6OptionsFor(scenario: Scenario, env: K6StepEnv): Record<string, unknown> {
  return { scenarios: { [scenario.name]: k6Executor(scenario, env) }, thresholds: k6Thresholds(scenario, env) };
}
