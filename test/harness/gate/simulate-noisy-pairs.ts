/** Paired short runs drawn from a noise model: the stand-in for a shared 2-core machine in gate tests. */
import type { Prng } from '../../../src/core/prng.js';
import type { NoiseModel } from '../../../src/harness/gate/noise-model.js';

/**
 * `pairs` pairs, lower is better: base = exp(level + drift + e1), head = exp(level + drift + e2)
 * * (1 + effect), drift a random walk both sides share, each run independently slow.
 */
export function simulateNoisyPairs(
  model: NoiseModel,
  pairs: number,
  effect: number,
  source: Prng,
): { base: number; head: number }[] {
  const level = Math.log(40); // a 40 ms latency; only ratios matter
  const slow = (): number => (source.chance(model.slowRunProbability) ? Math.log(model.slowRunFactor) : 0);
  let drift = 0;
  return Array.from({ length: pairs }, () => {
    drift += model.driftSd * source.normal();
    const base = Math.exp(level + drift + model.runSd * source.normal() + slow());
    const head = Math.exp(level + drift + model.runSd * source.normal() + slow() + Math.log1p(effect));
    return { base, head };
  });
}
