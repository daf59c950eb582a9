/**
 * Whether the profile route keeps up with pgbench on the same SQL at saturation: per round, the
 * service's best rate over the connection counts tried against pgbench's best, and a verdict on
 * the rounds' ratios against the goal (0.9x). "met" only when the median and every round are at or
 * above it, "missed" only when every round is below, else "undecided" (the rounds disagree).
 */

/** The goal: the profile route at saturation at or above 0.9x pgbench's rate on the same SQL. */
export const saturationGoal = 0.9;

export type SaturationVerdict = 'met' | 'missed' | 'undecided';

/** One round's rates, each per connection count tried (the same counts on both sides). */
export interface RoundRates {
  /** 200 responses a second of the service. */
  readonly service: readonly number[];
  /** Transactions a second of pgbench. */
  readonly pgbench: readonly number[];
}

/** The round's best service rate over its best pgbench rate; null when pgbench did nothing. */
export function roundRatio(rates: RoundRates): number | null {
  if (rates.service.length === 0 || rates.pgbench.length === 0) return null;
  const pgbench = Math.max(...rates.pgbench);
  if (!(pgbench > 0)) return null;
  return Math.max(...rates.service) / pgbench;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('no median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface SaturationJudgement {
  /** Each round's ratio service/pgbench (null: pgbench did nothing that round). */
  readonly ratios: readonly (number | null)[];
  /** The median of the rounds' ratios; null when a round has none. */
  readonly median: number | null;
  readonly verdict: SaturationVerdict;
}

/** The rounds' ratios, their median and the verdict against `goal`. */
export function judgeSaturation(rounds: readonly RoundRates[], goal = saturationGoal): SaturationJudgement {
  const ratios = rounds.map(roundRatio);
  const known = ratios.filter((ratio): ratio is number => ratio !== null);
  if (known.length === 0 || known.length !== ratios.length) return { ratios, median: null, verdict: 'undecided' };
  const middle = median(known);
  const verdict =
    middle >= goal && known.every((ratio) => ratio >= goal)
      ? 'met'
      : known.every((ratio) => ratio < goal)
        ? 'missed'
        : 'undecided';
  return { ratios, median: middle, verdict };
}
