/** One pair of a revision gate: both sides' runs over the same requests, back to back. */
import type { GateSide } from './pair-order.js';
import type { SideFigures } from './side-figures.js';

export interface GatePair {
  /** 0-based, in run order. */
  readonly index: number;
  /** Which side ran first. */
  readonly order: readonly [GateSide, GateSide];
  /** Seed of both runs' arrivals and requests. */
  readonly journeySeed: number;
  readonly base: SideFigures;
  readonly head: SideFigures;
}
