/** Seeded randomness for journeys and arrivals: the generator of prng.ts (sfc32), as a plain function. */
import { Prng as Sfc32 } from './prng.js';

/** Returns a float in [0, 1). */
export type Prng = () => number;

/** A reproducible stream for one seed (the same sfc32 stream as `new Prng(seed)`: one generator serves the whole project). */
export function createPrng(seed: number): Prng {
  const source = new Sfc32(seed >>> 0);
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

/** A copy of `items` in an order drawn from `prng` (Fisher-Yates). */
export function shuffled<T>(items: readonly T[], prng: Prng): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(prng() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
