/** Intended send times of an open-model step: evenly spaced or Poisson arrivals. */
import type { Prng } from '../../core/prng-function.js';

export type ArrivalProcess = 'uniform' | 'poisson';

/** Returns the gap in ms before each next arrival. */
export function arrivalGaps(ratePerSecond: number, arrival: ArrivalProcess, prng: Prng): () => number {
  const meanGapMs = 1000 / ratePerSecond;
  if (arrival === 'uniform') return () => meanGapMs;
  // Exponential gaps give a Poisson process; 1 - u is in (0, 1], so the log is finite.
  return () => -Math.log(1 - prng()) * meanGapMs;
}
