/** Holm's step-down adjustment: family-wise error control across several tests without assuming independence. */

/**
 * Holm-adjusted p-values in input order: the i-th smallest is multiplied by (m - i + 1), made
 * non-decreasing along the sorted order, and capped at 1. Reject where adjusted <= alpha.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, position) => {
    running = Math.max(running, Math.min(1, (m - position) * (pValues[index] as number)));
    adjusted[index] = running;
  });
  return adjusted;
}
