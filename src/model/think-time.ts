/** Think time between a virtual user's requests. */
import type { Prng } from '../core/prng-function.js';

/** A think-time distribution, in ms. */
export type ThinkTime =
  | { readonly distribution: 'fixed'; readonly ms: number }
  | { readonly distribution: 'uniform'; readonly minMs: number; readonly maxMs: number }
  | { readonly distribution: 'exponential'; readonly meanMs: number; readonly maxMs?: number };

/** Draws one think time in ms. */
export function sampleThinkTime(thinkTime: ThinkTime, prng: Prng): number {
  switch (thinkTime.distribution) {
    case 'fixed':
      return thinkTime.ms;
    case 'uniform':
      return thinkTime.minMs + prng() * (thinkTime.maxMs - thinkTime.minMs);
    case 'exponential': {
      // 1 - u is in (0, 1], so the log is finite.
      const ms = -Math.log(1 - prng()) * thinkTime.meanMs;
      return thinkTime.maxMs === undefined ? ms : Math.min(ms, thinkTime.maxMs);
    }
  }
}
