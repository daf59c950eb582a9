/** Student's t distribution's quantile, for mean intervals. */
import { betaQuantile } from './beta-distribution.js';

/** The t with P(T <= t) = p for T ~ Student t with `df` degrees of freedom. */
export function tQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return Number.NaN;
  if (p === 0.5) return 0;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  // P(|T| > t) = I_x(df/2, 1/2) with x = df / (df + t^2). Solve for whichever of x or 1 - x is
  // small so that t = sqrt(df (1 - x) / x) does not lose digits to cancellation.
  const twoTail = 2 * Math.min(p, 1 - p);
  let magnitude: number;
  if (twoTail < 0.5) {
    const x = betaQuantile(twoTail, df / 2, 0.5);
    magnitude = Math.sqrt((df * (1 - x)) / x);
  } else {
    const y = betaQuantile(1 - twoTail, 0.5, df / 2);
    magnitude = Math.sqrt((df * y) / (1 - y));
  }
  return p < 0.5 ? -magnitude : magnitude;
}
