/** The verdict for one measured figure against its target and warning level. */
import type { Comparison } from '../result/target-evaluation.schema.js';

export interface Bounds {
  readonly comparison: Comparison;
  readonly target: number;
  readonly warning?: number;
}

/**
 * Exactly at the target passes (the spec writes "< 2 seconds", but a figure rounded to the
 * histogram's precision cannot honestly fail on equality); exactly at the warning level passes
 * too: 'warn' means over it. The margin is the headroom in percent of the target (negative when
 * missed); absent for a target of 0, where no percentage exists.
 */
export function judgeFigure(bounds: Bounds, measured: number): { verdict: 'pass' | 'warn' | 'fail'; marginPct?: number } {
  const within = (value: number, bound: number) => (bounds.comparison === '<=' ? value <= bound : value >= bound);
  const verdict = !within(measured, bounds.target) ? 'fail'
    : bounds.warning !== undefined && !within(measured, bounds.warning) ? 'warn' : 'pass';
  if (bounds.target === 0) return { verdict };
  const headroom = bounds.comparison === '<=' ? bounds.target - measured : measured - bounds.target;
  return { verdict, marginPct: round((headroom / Math.abs(bounds.target)) * 100) };
}

/** Rounds away binary noise (0.003 x 100 is 0.30000000000000004), so boundaries compare as written. */
export function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
