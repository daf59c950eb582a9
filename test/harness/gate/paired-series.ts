/** A metric's pairs with head = base * ratio * a little seeded noise, for the decision tests. */
import { Prng } from '../../../src/core/prng.js';
import type { PairedMetric } from '../../../src/harness/gate/decide-pairs.js';

/** `pairs` pairs around 50 whose head/base ratio is `ratio` within about ±2%. */
export function pairedSeries(
  id: string,
  ratio: number,
  pairs: number,
  options: { higherIsBetter?: boolean; seed?: number } = {},
): PairedMetric {
  const source = new Prng(options.seed ?? 1);
  return {
    id,
    unit: options.higherIsBetter ? 'req/s' : 'ms',
    higherIsBetter: options.higherIsBetter ?? false,
    pairs: Array.from({ length: pairs }, () => {
      const base = 50 * Math.exp(0.05 * source.normal());
      return { base, head: base * ratio * Math.exp(0.01 * source.normal()) };
    }),
  };
}
