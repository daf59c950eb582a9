/**
 * A pull-request comment cannot run JavaScript, so the pairs' log-ratios are drawn as text: a
 * histogram strip of unicode blocks over a symmetric scale, zero in the middle, worse to the
 * right whatever the metric's direction.
 */

/** Cells of a strip; odd, so that zero has a cell of its own. */
export const stripCells = 17;
const levels = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * How much worse the head is in one pair, in percent on the log scale: 100 * ln(head / base),
 * negated where higher is better. Undefined when either value is not positive.
 */
export function worsePct(
  pair: { readonly base: number; readonly head: number },
  higherIsBetter: boolean,
): number | undefined {
  if (!(pair.base > 0 && pair.head > 0)) return undefined;
  const pct = 100 * Math.log(pair.head / pair.base);
  return higherIsBetter ? -pct : pct;
}

/**
 * A scale (in %) that holds nine in ten of the values and the margin twice over, rounded up to
 * 1, 2 or 5 times a power of ten; the rest (one slow run can be +300%) land in the end cells
 * instead of squeezing every other pair into the middle one.
 */
export function stripScale(values: readonly number[], marginPct: number): number {
  const sizes = values.map((value) => Math.abs(value)).sort((a, b) => a - b);
  const typical =
    sizes.length === 0 ? 0 : (sizes[Math.min(sizes.length - 1, Math.ceil(0.9 * sizes.length) - 1)] as number);
  const needed = Math.max(2 * marginPct, typical, 1e-9);
  const power = 10 ** Math.floor(Math.log10(needed));
  for (const step of [1, 2, 5, 10]) if (step * power >= needed) return step * power;
  return 10 * power;
}

/**
 * The strip: one character per cell, `·` when empty (`│` at zero), else a block as tall as its
 * count relative to the fullest cell. Values past the scale land in the end cells.
 */
export function renderStrip(values: readonly number[], scalePct: number): string {
  const width = (2 * scalePct) / stripCells;
  const counts = new Array<number>(stripCells).fill(0);
  for (const value of values) {
    const cell = Math.min(stripCells - 1, Math.max(0, Math.floor((value + scalePct) / width)));
    counts[cell] = (counts[cell] ?? 0) + 1;
  }
  const fullest = Math.max(1, ...counts);
  const middle = (stripCells - 1) / 2;
  return counts
    .map((count, cell) => {
      if (count === 0) return cell === middle ? '│' : '·';
      return levels[Math.min(levels.length - 1, Math.ceil((count / fullest) * levels.length) - 1)];
    })
    .join('');
}
