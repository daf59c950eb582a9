/**
 * The project's one pseudo-random generator (sfc32): fast, 32-bit, and the same on every
 * platform and Node version, so a seed always gives the same dataset and the same load. Every
 * random choice in seed/ goes through this class (nothing there reads Math.random or the clock);
 * journeys and arrivals take the same generator as a plain function (prng-function.ts).
 */

const hex: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A seeded stream of random numbers and the few distributions the generators need. */
export class Prng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** @param seed an unsigned 32-bit seed. @param stream separates independent streams of one seed. */
  constructor(seed: number, stream = 0) {
    this.#a = 0x9e3779b9;
    this.#b = 0x243f6a88;
    this.#c = 0xb7e15162;
    this.#d = (seed ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
    // warm up so that close seeds diverge
    for (let i = 0; i < 15; i += 1) this.uint32();
  }

  /** A uniform unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A uniform float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** A standard normal deviate (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A Pareto deviate with scale 1 and shape `alpha`, capped: heavy-tailed weights. */
  pareto(alpha: number, cap: number): number {
    return Math.min(cap, 1 / Math.pow(1 - this.next(), 1 / alpha));
  }

  /** A version-4-shaped UUID drawn from this stream (not from gen_random_uuid), so ids repeat with the seed. */
  uuid(): string {
    const words = new Uint32Array(4);
    drawUuid(this, words, 0);
    return formatUuid(words, 0);
  }
}

/** Samples indexes in proportion to fixed weights (cumulative table + binary search). */
export class WeightedSampler {
  readonly #cumulative: Float64Array;
  readonly #total: number;

  constructor(weights: ArrayLike<number>) {
    this.#cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i += 1) {
      sum += weights[i] ?? 0;
      this.#cumulative[i] = sum;
    }
    this.#total = sum;
  }

  /** An index i with probability weights[i] / sum(weights). */
  sample(prng: Prng): number {
    const target = prng.next() * this.#total;
    let lo = 0;
    let hi = this.#cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#cumulative[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Draws the 128 bits of id `index` into `words` (four words per id): ids kept as numbers until written out. */
export function drawUuid(prng: Prng, words: Uint32Array, index: number): void {
  const at = index * 4;
  words[at] = prng.uint32();
  words[at + 1] = prng.uint32();
  words[at + 2] = prng.uint32();
  words[at + 3] = prng.uint32();
}

/**
 * Writes the 16 bytes of id `index` of `words` into `into` at `at`, with the version-4 and
 * variant bits set: the one place that shapes an id (the binary COPY writer and formatUuid use it).
 */
export function writeUuidBytes(words: Uint32Array, index: number, into: Uint8Array, at: number): void {
  const w = index * 4;
  for (let i = 0; i < 4; i += 1) {
    const word = words[w + i]!;
    into[at + i * 4] = word >>> 24;
    into[at + i * 4 + 1] = (word >>> 16) & 255;
    into[at + i * 4 + 2] = (word >>> 8) & 255;
    into[at + i * 4 + 3] = word & 255;
  }
  into[at + 6] = 0x40 | (into[at + 6]! & 15);
  into[at + 8] = 0x80 | (into[at + 8]! & 63);
}

const octets = new Uint8Array(16);

/** Formats id `index` of `words` as a version-4-shaped UUID. */
export function formatUuid(words: Uint32Array, index: number): string {
  writeUuidBytes(words, index, octets, 0);
  let text = '';
  for (let i = 0; i < 16; i += 1) text += (i === 4 || i === 6 || i === 8 || i === 10 ? '-' : '') + hex[octets[i]!];
  return text;
}
