/** The read-route growth bench's flags, parsed once into a frozen config by the core parsers. */
import { badFlag } from '../src/core/errors.js';
import { parseSeed, parseWholeNumber } from '../src/core/whole-number.js';
import { parseReferralCount } from '../seed/scale.js';

export interface ReadRouteGrowthFlags {
  readonly small?: string;
  readonly large?: string;
  readonly rounds?: string;
  readonly warmRounds?: string;
  readonly seed?: string;
  readonly out?: string;
}

export interface ReadRouteGrowthConfig {
  /** Referrals in the small dataset (the goal's 10k). */
  readonly small: number;
  /** Referrals in the large dataset (the goal's 1M); more than `small`. */
  readonly large: number;
  /** Measured rounds: each sends every route once to each side. */
  readonly rounds: number;
  /** Rounds over every route on both sides before anything is measured. */
  readonly warmRounds: number;
  /** The datasets' seed and the inputs'. */
  readonly seed: number;
  readonly out: string | undefined;
}

export const defaultReadRouteGrowthFlags = Object.freeze({
  small: '10k',
  large: '1m',
  rounds: '1500',
  warmRounds: '20',
  seed: '42',
});

/** A nearest-rank p95 of fewer than 20 latencies is their maximum: at least 20 rounds. */
const minRounds = 20;

export function resolveReadRouteGrowthConfig(flags: ReadRouteGrowthFlags): Readonly<ReadRouteGrowthConfig> {
  const small = parseReferralCount(flags.small ?? defaultReadRouteGrowthFlags.small, '--small');
  const large = parseReferralCount(flags.large ?? defaultReadRouteGrowthFlags.large, '--large');
  if (small >= large)
    throw badFlag('--small', `${small} referrals is not fewer than --large (${large}): growth needs a larger side`);
  return Object.freeze({
    small,
    large,
    rounds: parseWholeNumber('--rounds', flags.rounds ?? defaultReadRouteGrowthFlags.rounds, minRounds, 100_000),
    warmRounds: parseWholeNumber('--warm-rounds', flags.warmRounds ?? defaultReadRouteGrowthFlags.warmRounds, 1, 1_000),
    seed: parseSeed(flags.seed ?? defaultReadRouteGrowthFlags.seed),
    out: flags.out,
  });
}
