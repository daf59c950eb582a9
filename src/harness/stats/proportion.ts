/** Exact intervals for a proportion of events (errors, timeouts) among trials. */
import { betaQuantile } from './beta-distribution.js';

/** The outcome of {@link proportionInterval}. */
export interface ProportionInterval {
  /** events / trials. */
  readonly estimate: number;
  /** The interval's lower end (0 with no events). */
  readonly lower: number;
  /** The interval's upper end (1 when every trial is an event). */
  readonly upper: number;
  /** How the interval was computed. */
  readonly method: 'clopper-pearson';
}

/**
 * The Clopper-Pearson (exact binomial) interval: never below its confidence, which matters for
 * the rare-event rates a load test reports. With 0 events the upper bound is 1 - ((1 - confidence)/2)^(1/n).
 * @param confidence two-sided coverage. @default 0.95
 */
export function proportionInterval(events: number, trials: number, confidence = 0.95): ProportionInterval {
  if (!Number.isInteger(events) || !Number.isInteger(trials) || trials < 1 || events < 0 || events > trials) {
    throw new RangeError(`need integers 0 <= events <= trials, trials >= 1; got ${events} of ${trials}`);
  }
  const tail = (1 - confidence) / 2;
  // Closed forms at the ends: exact, and the beta quantile's edge cases never arise.
  const lower =
    events === 0 ? 0 : events === trials ? tail ** (1 / trials) : betaQuantile(tail, events, trials - events + 1);
  const upper =
    events === trials
      ? 1
      : events === 0
        ? 1 - tail ** (1 / trials)
        : betaQuantile(1 - tail, events + 1, trials - events);
  return { estimate: events / trials, lower, upper, method: 'clopper-pearson' };
}

/**
 * The rule of three, 3 / trials: the one-sided 95% upper bound on a rate with no events seen
 * (close to the exact 1 - 0.05^(1/n) for n >= 30), as reports usually quote it.
 */
export function ruleOfThreeUpper(trials: number): number {
  if (!(trials > 0)) throw new RangeError(`trials must be positive, got ${trials}`);
  return 3 / trials;
}
