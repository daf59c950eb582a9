/**
 * A row's figure with its uncertainty: the estimate, its 95% interval and how both were computed,
 * from the repetitions a run recorded, never from requests pooled across them. The exceptions
 * are counts: an error rate against zero is decided on the count itself, and a cache's hit rate,
 * which the service reports once per scenario, is a rate over its lookups.
 */
import type { LoadRepetition, LoadRunResult, RequestOutcomes } from '../result/load-result.schema.js';
import type { EstimateMethod } from '../result/target-evaluation.schema.js';
import { hodgesLehmann } from '../stats/hodges-lehmann.js';
import { proportionInterval, ruleOfThreeUpper } from '../stats/proportion.js';
import { geometricMeanInterval, meanInterval } from '../stats/t-interval.js';
import { round } from './judge-figure.js';
import { readStatistic } from './read-statistic.js';

/** The confidence of every interval a row carries. */
export const confidence = 0.95;
/** Pairs below this have no exact 95% signed-rank interval; their change gets a t interval. */
const exactPairsMinimum = 6;

/** A figure and its uncertainty, in the row's raw unit (before the definition's scale). */
export interface Estimate {
  readonly value: number;
  readonly method: EstimateMethod;
  readonly interval?: { readonly lower: number; readonly upper: number };
  /** What the interval came from: per-repetition figures or per-pair changes. */
  readonly samples?: readonly number[];
  /**
   * For the t-based methods: the interval's half-width and the estimate in the scale the interval
   * is symmetric in (log for log-t and paired changes), to work out repetitions a decision needs.
   */
  readonly spread?: {
    readonly halfWidth: number;
    readonly center: number;
    readonly transform: 'identity' | 'log' | 'log1p-percent' | 'log1m-percent';
  };
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
const errorCount = (requests: RequestOutcomes): number => sum(Object.values(requests.errors));

/** A figure read once: judged as read, with no interval. */
export function singleReading(value: number): Estimate {
  return { value, method: 'single-reading' };
}

/**
 * A per-repetition figure of a load step ('load.latency.p95', 'load.perRoute.x.latency.p95',
 * 'load.throughputRps'): geometric mean and log-t interval over the repetitions. An error rate
 * ('...requests.errorRate') against zero is decided on the step's error count; against a bound
 * above zero it is the mean of the repetitions' own rates with a t interval, since errors under
 * load come in bursts and requests are no independent trials. When no repetition saw an error
 * the rates have no spread, and a t interval would collapse to [0, 0] however few the requests:
 * then the step's count gives the interval (Clopper-Pearson: 0 errors in 1,500 requests is
 * 0 to 0.246%), the least uncertainty that count allows.
 */
export function estimateLoadFigure(load: LoadRunResult, statistic: string, target: number): Estimate | undefined {
  const path = statistic.replace(/^load\./, '');
  if (path.endsWith('requests.errorRate')) {
    const requests = readObject(load, path.replace(/\.errorRate$/, '')) as RequestOutcomes | undefined;
    if (requests === undefined || requests.total === 0) return undefined;
    if (target === 0) return rateEstimate(errorCount(requests), requests.total, target);
    if (errorCount(requests) === 0) return rateEstimate(0, requests.total, target);
    return meanEstimate(load.repetitions.flatMap((repetition) => figureOf(repetition, path)));
  }
  const samples = load.repetitions.flatMap((repetition) => figureOf(repetition, path));
  if (samples.length === 0) {
    const whole = readStatistic(load, path);
    return whole === undefined ? undefined : { value: whole, method: 'log-t', samples: [whole] };
  }
  return repetitionEstimate(samples);
}

/** The mean of the repetitions' figures with its t interval (figures that may be zero, such as error rates). */
function meanEstimate(samples: readonly number[]): Estimate | undefined {
  if (samples.length === 0) return undefined;
  if (samples.length < 2) return { value: samples[0] as number, method: 'mean-t', samples };
  const interval = meanInterval(samples, confidence);
  return {
    value: interval.estimate,
    method: 'mean-t',
    samples,
    interval: { lower: Math.max(0, interval.lower), upper: interval.upper },
    spread: { halfWidth: interval.upper - interval.estimate, center: interval.estimate, transform: 'identity' },
  };
}

/**
 * Geometric mean with its log-t interval; one value alone has no interval. A repetition whose
 * figure is 0 saw no request of that route (an empty histogram): it is left out, not averaged in.
 */
export function repetitionEstimate(all: readonly number[]): Estimate {
  const samples = all.filter((value) => value > 0);
  if (samples.length < 2) return { value: samples[0] ?? 0, method: 'log-t', samples };
  const interval = geometricMeanInterval(samples, confidence);
  return {
    value: interval.estimate,
    method: 'log-t',
    samples,
    interval: { lower: interval.lower, upper: interval.upper },
    spread: {
      halfWidth: Math.log(interval.upper) - Math.log(interval.estimate),
      center: Math.log(interval.estimate),
      transform: 'log',
    },
  };
}

/** A rate of events among trials (errors among requests, hits among lookups), 0..1. */
export function rateEstimate(events: number, trials: number, target: number): Estimate {
  const interval = proportionInterval(events, trials, confidence);
  if (target === 0) {
    // Against zero the count decides: any event misses; none meets it, with the rate's one-sided upper bound stated.
    return {
      value: interval.estimate,
      method: 'zero-count',
      interval: { lower: interval.lower, upper: events === 0 ? ruleOfThreeUpper(trials) : interval.upper },
    };
  }
  return {
    value: interval.estimate,
    method: 'clopper-pearson',
    interval: { lower: interval.lower, upper: interval.upper },
  };
}

/**
 * The change from `before` to `after` over interleaved pairs, from the pairs' log-ratios:
 * Hodges-Lehmann with the exact signed-rank interval from 6 pairs, a t interval below that.
 * `direction` 'increase' gives (after / before - 1) x 100, 'reduction' (1 - after / before) x 100.
 */
export function pairedChange(
  before: readonly number[],
  after: readonly number[],
  direction: 'increase' | 'reduction',
): Estimate | undefined {
  const logRatios: number[] = [];
  for (let i = 0; i < Math.min(before.length, after.length); i += 1) {
    const b = before[i] as number;
    const a = after[i] as number;
    if (b > 0 && a > 0) logRatios.push(Math.log(a / b));
  }
  if (logRatios.length === 0) return undefined;
  const toPercent = (logRatio: number): number =>
    round((direction === 'increase' ? Math.exp(logRatio) - 1 : 1 - Math.exp(logRatio)) * 100);
  const samples = logRatios.map(toPercent);
  const transform = direction === 'increase' ? 'log1p-percent' : 'log1m-percent';
  const ordered = (x: number, y: number) => ({
    lower: Math.min(toPercent(x), toPercent(y)),
    upper: Math.max(toPercent(x), toPercent(y)),
  });
  if (logRatios.length >= exactPairsMinimum) {
    const hl = hodgesLehmann(logRatios, confidence);
    if (hl.lower !== undefined && hl.upper !== undefined) {
      return {
        value: toPercent(hl.estimate),
        method: 'paired-hodges-lehmann',
        samples,
        interval: ordered(hl.lower, hl.upper),
        spread: { halfWidth: (hl.upper - hl.lower) / 2, center: hl.estimate, transform },
      };
    }
  }
  if (logRatios.length < 2) return { value: toPercent(logRatios[0] as number), method: 'paired-log-t', samples };
  const t = meanInterval(logRatios, confidence);
  return {
    value: toPercent(t.estimate),
    method: 'paired-log-t',
    samples,
    interval: ordered(t.lower, t.upper),
    spread: { halfWidth: t.upper - t.estimate, center: t.estimate, transform },
  };
}

function figureOf(repetition: LoadRepetition, path: string): number[] {
  const value = readStatistic(repetition, path);
  return value === undefined ? [] : [value];
}

function readObject(source: unknown, path: string): unknown {
  let node: unknown = source;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The per-repetition values of a load figure at their repetition's index (NaN where absent), for pairing two steps. */
export function repetitionValues(load: LoadRunResult, statistic: string): number[] {
  const path = statistic.replace(/^load\./, '');
  const values: number[] = [];
  for (const repetition of load.repetitions) values[repetition.index] = readStatistic(repetition, path) ?? Number.NaN;
  return Array.from(values, (value) => value ?? Number.NaN);
}
