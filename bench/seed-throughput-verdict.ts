/**
 * Whether seeding 1M referrals keeps within 1.3x of its floor, the time PostgreSQL itself needs to
 * COPY the same rows from files and build the same indexes (bench/copy-floor.ts): each
 * repetition's ratio, seeding time over the floor measured right after it, judged as a run judges
 * a step's repetitions (the geometric mean with its log-t interval,
 * src/harness/targets/estimate-figure.ts): "met" or "missed" only when the whole interval is on
 * one side of the limit, else "undecided". One repetition is a single reading, judged as read;
 * nothing measured is "missed".
 */
import { repetitionEstimate } from '../src/harness/targets/estimate-figure.js';

/** The goal: the whole seeding within 1.3x of the COPY floor. */
export const seedingLimit = 1.3;

export type SeedingVerdict = 'met' | 'missed' | 'undecided';

export interface SeedingJudgement {
  /** The geometric mean of the ratios, and its 95% interval with two repetitions or more. */
  readonly ratio: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly verdict: SeedingVerdict;
}

export function judgeSeeding(ratios: readonly number[], limit = seedingLimit): SeedingJudgement {
  const estimate = repetitionEstimate(ratios);
  if (estimate.samples?.length === 0 || estimate.value <= 0)
    return { ratio: null, lower: null, upper: null, verdict: 'missed' };
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const { interval } = estimate;
  const [lower, upper] = interval ? [interval.lower, interval.upper] : [estimate.value, estimate.value];
  const verdict: SeedingVerdict = upper <= limit ? 'met' : lower > limit ? 'missed' : 'undecided';
  return {
    ratio: round(estimate.value),
    lower: interval ? round(interval.lower) : null,
    upper: interval ? round(interval.upper) : null,
    verdict,
  };
}
