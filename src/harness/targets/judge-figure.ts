/** The verdict for one figure, with its interval, against its target and warning level. */
import type { Comparison, TargetVerdict } from '../result/target-evaluation.schema.js';
import type { Estimate } from './estimate-figure.js';

export interface Bounds {
  readonly comparison: Comparison;
  readonly target: number;
  readonly warning?: number;
}

export interface Judgement {
  readonly verdict: Exclude<TargetVerdict, 'not-measured'>;
  readonly marginPct?: number;
  readonly neededRepetitions?: number;
  /** Why an undecided row is undecided. */
  readonly reason?: string;
}

/**
 * A figure with an interval passes when the whole interval is on the good side of the target
 * (exactly at it counts as on it: a figure rounded to the histogram's precision cannot honestly
 * fail on equality), fails when the whole interval is on the bad side, and is inconclusive when it
 * straddles the target. A passing row whose estimate is past the warning level is 'warn'. A single
 * reading is judged as read. The margin is the estimate's headroom in percent of the target
 * (negative when missed); absent for a target of 0, where no percentage exists.
 */
export function judgeFigure(bounds: Bounds, estimate: Estimate): Judgement {
  const good = (value: number, bound: number) => (bounds.comparison === '<=' ? value <= bound : value >= bound);
  const margin =
    bounds.target === 0
      ? {}
      : {
          marginPct: round(
            ((bounds.comparison === '<=' ? bounds.target - estimate.value : estimate.value - bounds.target) /
              Math.abs(bounds.target)) *
              100,
          ),
        };
  const pastWarning = bounds.warning !== undefined && !good(estimate.value, bounds.warning);
  if (estimate.method === 'zero-count') {
    // Against zero the count decides: any event misses, none meets it (its upper bound is stated, not judged).
    return { verdict: estimate.value > 0 ? 'fail' : 'pass', ...margin };
  }
  if (estimate.method === 'single-reading') {
    return { verdict: !good(estimate.value, bounds.target) ? 'fail' : pastWarning ? 'warn' : 'pass', ...margin };
  }
  if (estimate.interval === undefined) {
    return {
      verdict: 'inconclusive',
      ...margin,
      reason: `${estimate.samples?.length ?? 0} repetition(s): too few for an interval`,
    };
  }
  const { lower, upper } = estimate.interval;
  const [near, far] = bounds.comparison === '<=' ? [lower, upper] : [upper, lower];
  if (good(far, bounds.target)) return { verdict: pastWarning ? 'warn' : 'pass', ...margin };
  if (!good(near, bounds.target)) return { verdict: 'fail', ...margin };
  const needed = neededRepetitions(estimate, bounds.target);
  return {
    verdict: 'inconclusive',
    ...margin,
    ...(needed === undefined ? {} : { neededRepetitions: needed }),
    reason:
      `the interval ${short(lower)} to ${short(upper)} contains the target ${bounds.target}` +
      (needed === undefined ? '' : `; about ${needed} repetitions at this spread would decide it`),
  };
}

/**
 * Repetitions (pairs) whose interval would exclude the target at the spread seen: the half-width
 * shrinks with the square root of their number (the t quantile's own shrinking is left out, so
 * this errs high). Undefined where the estimate sits on the target or there is no spread to scale.
 */
function neededRepetitions(estimate: Estimate, target: number): number | undefined {
  const n = estimate.samples?.length;
  const spread = estimate.spread;
  if (n === undefined || spread === undefined) return undefined;
  const transformed =
    spread.transform === 'identity'
      ? target
      : spread.transform === 'log'
        ? target > 0
          ? Math.log(target)
          : Number.NaN
        : spread.transform === 'log1p-percent'
          ? Math.log1p(target / 100)
          : Math.log1p(-target / 100);
  const distance = Math.abs(spread.center - transformed);
  if (!(distance > 0) || !Number.isFinite(distance)) return undefined;
  return Math.max(n + 1, Math.ceil(n * (spread.halfWidth / distance) ** 2));
}

const short = (value: number): string => String(Number(value.toPrecision(3)));

/** Rounds away binary noise (0.003 x 100 is 0.30000000000000004), so boundaries compare as written. */
export function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
