/**
 * Which side runs first in each pair, by a seeded coin: drift over time (caches warming, the
 * database growing, a noisy neighbour) and any advantage of running second hit both sides alike.
 * Pairs go in blocks of two with opposite orders, so the orders stay balanced however many
 * pairs are run, and which order comes first in a block is the coin's.
 */
import { createPrng } from '../../core/prng-function.js';

/** The two sides of a gate. */
export type GateSide = 'base' | 'head';

/** A pair's run order and the journey seed both of its runs share. */
export interface PairPlan {
  /** 0-based pair number over the whole gate (extensions continue the count). */
  readonly index: number;
  readonly order: readonly [GateSide, GateSide];
  /**
   * Seed of both runs' arrivals and request choices: the two sides of a pair get the same
   * requests in the same order (common random numbers), so the pair differs only by revision.
   */
  readonly journeySeed: number;
}

/**
 * Plans pairs `from` to `from + count - 1` of a gate seeded with `seed`. The plan of pair i
 * depends only on (seed, i), so an extension continues the same sequence.
 */
export function planPairs(seed: number, from: number, count: number): PairPlan[] {
  const plans: PairPlan[] = [];
  for (let index = from; index < from + count; index += 1) {
    const block = createPrng((seed * 1_000_003 + Math.floor(index / 2) * 7919 + 1) >>> 0);
    const baseFirst = block() < 0.5 !== (index % 2 === 1);
    const own = createPrng((seed * 1_000_033 + index * 104_729 + 7) >>> 0);
    plans.push({
      index,
      order: baseFirst ? ['base', 'head'] : ['head', 'base'],
      journeySeed: Math.floor(own() * 0xffffffff) >>> 0,
    });
  }
  return plans;
}
