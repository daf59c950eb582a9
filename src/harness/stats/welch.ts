/** Welch's two-sample t test, for comparing two sets of repetitions that were not paired. */
import { betaCdf } from './beta-distribution.js';
import type { Alternative } from './signed-rank.js';

/** P(T <= t) for T ~ Student t with `df` degrees of freedom. */
export function tCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  // P(|T| > |t|) = I_x(df/2, 1/2) with x = df / (df + t^2).
  const tail = betaCdf(df / (df + t * t), df / 2, 0.5) / 2;
  return t >= 0 ? 1 - tail : tail;
}

/** The outcome of {@link welchTest}. */
export interface WelchResult {
  /** mean(x) - mean(y) - shift. */
  readonly difference: number;
  readonly standardError: number;
  readonly t: number;
  /** Welch-Satterthwaite degrees of freedom. */
  readonly df: number;
  readonly pValue: number;
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const variance = (values: readonly number[], m: number) =>
  values.reduce((sum, value) => sum + (value - m) ** 2, 0) / (values.length - 1);

/**
 * Tests mean(x) - mean(y) against `shift` without assuming equal variances.
 * @param alternative 'greater': the difference exceeds the shift; 'less': it falls short of it.
 * @throws RangeError with fewer than 2 values on a side.
 */
export function welchTest(
  x: readonly number[],
  y: readonly number[],
  alternative: Alternative,
  shift = 0,
): WelchResult {
  if (x.length < 2 || y.length < 2)
    throw new RangeError(`Welch's test needs 2 values a side, got ${x.length} and ${y.length}`);
  const mx = mean(x);
  const my = mean(y);
  const vx = variance(x, mx) / x.length;
  const vy = variance(y, my) / y.length;
  const standardError = Math.sqrt(vx + vy);
  const difference = mx - my - shift;
  const df = (vx + vy) ** 2 / (vx ** 2 / (x.length - 1) + vy ** 2 / (y.length - 1));
  if (standardError === 0) {
    // No spread on either side: the difference itself decides.
    const pValue =
      alternative === 'greater'
        ? difference > 0
          ? 0
          : 1
        : alternative === 'less'
          ? difference < 0
            ? 0
            : 1
          : difference === 0
            ? 1
            : 0;
    return {
      difference,
      standardError,
      t: difference === 0 ? 0 : Math.sign(difference) * Number.POSITIVE_INFINITY,
      df: Number.POSITIVE_INFINITY,
      pValue,
    };
  }
  const t = difference / standardError;
  const pValue =
    alternative === 'greater'
      ? 1 - tCdf(t, df)
      : alternative === 'less'
        ? tCdf(t, df)
        : 2 * Math.min(tCdf(t, df), 1 - tCdf(t, df));
  return { difference, standardError, t, df, pValue };
}
