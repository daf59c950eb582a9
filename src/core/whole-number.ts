/** The one parser of whole-number flags (counts, budgets, ports, the random seed). */
import { badFlag } from './errors.js';

/** The largest `--seed`: the generator takes any unsigned 32-bit seed (prng.ts). */
export const maxSeed = 0xffff_ffff;

/**
 * Reads `value` (a number, or decimal digits with spaces around allowed) as a whole number from
 * `min` to `max`, failing with a usage error (BAD_FLAG, exit 2) that names `flag`.
 */
export function parseWholeNumber(flag: string, value: unknown, min: number, max: number): number {
  const text = typeof value === 'string' ? value.trim() : undefined;
  const n = typeof value === 'number' ? value : text !== undefined && /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw badFlag(flag, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}

/** Parses `--seed`, the same range for every command: 0 to 4294967295. */
export function parseSeed(value: unknown): number {
  return parseWholeNumber('--seed', value, 0, maxSeed);
}
