/** Medians and percentiles of samples, the order statistics the other estimators share. */

/** An ascending copy; a typed array because it sorts numerically and fast (Walsh averages run to n^2/2). */
export function sortAscending(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * The p-quantile of an ascending array by linear interpolation between order statistics
 * (Hyndman & Fan type 7, the default of NumPy and R), so percentiles match what readers compute.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new RangeError('no quantile of an empty sample');
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const below = Math.floor(position);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return position === below ? lower : lower * (below + 1 - position) + upper * (position - below);
}

/** The median of an ascending array (the mean of the two middle values for an even length). */
export function medianOfSorted(sorted: ArrayLike<number>): number {
  return quantileOfSorted(sorted, 0.5);
}
