import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../src/core/errors.js';
import { resolveReadRouteGrowthConfig, type ReadRouteGrowthFlags } from '../../bench/read-route-growth-config.js';

function usageError(flags: ReadRouteGrowthFlags): HarnessError {
  try {
    resolveReadRouteGrowthConfig(flags);
  } catch (error: unknown) {
    if (error instanceof HarnessError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(flags)}`);
}

describe("the read-route growth bench's flags", () => {
  it('default to 10k against 1M referrals, 1500 rounds after 20 warm-up rounds, seed 42', () => {
    const config = resolveReadRouteGrowthConfig({});
    expect(config).toEqual({ small: 10_000, large: 1_000_000, rounds: 1500, warmRounds: 20, seed: 42, out: undefined });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('take the sizes in the seeder’s units and the seed over its whole range', () => {
    const config = resolveReadRouteGrowthConfig({
      small: '10k',
      large: '50k',
      rounds: '60',
      warmRounds: '3',
      seed: '4294967295',
      out: 'x.json',
    });
    expect(config).toEqual({
      small: 10_000,
      large: 50_000,
      rounds: 60,
      warmRounds: 3,
      seed: 4_294_967_295,
      out: 'x.json',
    });
  });

  it.each([
    [{ rounds: '0' }, /^--rounds: expected a whole number from 20 to 100000, got "0"/],
    [{ rounds: '1.5' }, /^--rounds: expected a whole number from 20 to /],
    [{ warmRounds: '0' }, /^--warm-rounds: expected a whole number from 1 to 1000, got "0"/],
    [{ seed: '4294967296' }, /^--seed: expected a whole number from 0 to 4294967295/],
    [{ small: 'many' }, /^--small: expected a positive whole number/],
    [{ large: '0' }, /^--large: /],
    [{ small: '1m', large: '10k' }, /^--small: 1000000 referrals is not fewer than --large \(10000\)/],
    [{ small: '50k', large: '50000' }, /^--small: 50000 referrals is not fewer than --large \(50000\)/],
  ])('refuse %j with a usage error naming the flag', (flags, message) => {
    const error = usageError(flags);
    expect(error.code).toBe('BAD_FLAG');
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(message);
  });
});
