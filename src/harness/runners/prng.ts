/** Seeded randomness for journeys and arrivals: the seeder's generator, as a plain function. */
import { Prng as SeedPrng } from '../../../seed/prng.js';

/** Returns a float in [0, 1). */
export type Prng = () => number;

/** A reproducible stream for one seed (the seeder's sfc32, so one generator serves the whole project). */
export function createPrng(seed: number): Prng {
  const source = new SeedPrng(seed >>> 0);
  return () => source.next();
}

/** Picks an item with probability weight / total weight. */
export function pickWeighted<T extends { readonly weight: number }>(items: readonly T[], prng: Prng): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let point = prng() * total;
  for (const item of items) {
    point -= item.weight;
    if (point < 0) return item;
  }
  return items[items.length - 1] as T;
}
