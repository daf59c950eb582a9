import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../src/core/errors.js';
import { resolveEndpointBenchConfig, type EndpointBenchFlags } from '../../bench/endpoint-bench-config.js';

function usageError(flags: EndpointBenchFlags): HarnessError {
  try {
    resolveEndpointBenchConfig(flags);
  } catch (error: unknown) {
    if (error instanceof HarnessError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(flags)}`);
}

describe("the endpoint bench's flags", () => {
  it('default to 1M referrals, five repetitions of 200 samples after 30 warm-up in 20 rounds, one at a time, seed 42, every endpoint', () => {
    const config = resolveEndpointBenchConfig({});
    expect(config).toMatchObject({
      referrals: 1_000_000,
      samples: 200,
      repetitions: 5,
      warmup: 30,
      warmRounds: 20,
      concurrency: 1,
      seed: 42,
    });
    expect(config.only).toContain('create-referral');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('take the seed over the whole range, and the endpoints asked for in the journey order', () => {
    const config = resolveEndpointBenchConfig({
      referrals: '10k',
      seed: '4294967295',
      only: ['bulk-process', 'student-profile'],
    });
    expect(config).toMatchObject({ referrals: 10_000, seed: 4_294_967_295, only: ['student-profile', 'bulk-process'] });
  });

  it('take --only as a comma-separated list as well as repeated', () => {
    const config = resolveEndpointBenchConfig({ only: ['update-status,student-profile', 'bulk-process'] });
    expect(config.only).toEqual(['student-profile', 'update-status', 'bulk-process']);
  });

  it.each([
    [{ samples: '1.5' }, /^--samples: expected a whole number from 1 to /],
    [{ warmup: '-1' }, /^--warmup: expected a whole number from 0 to /],
    [{ warmRounds: '0' }, /^--warm-rounds: expected a whole number from 1 to 100, got "0"/],
    [{ repetitions: '0' }, /^--repetitions: expected a whole number from 1 to 100, got "0"/],
    [{ concurrency: '3' }, /^--concurrency: expected a whole number from 1 to 2, got "3"/],
    [{ seed: '4294967296' }, /^--seed: expected a whole number from 0 to 4294967295/],
    [{ referrals: 'many' }, /^--referrals: /],
    [{ only: ['health'] }, /^--only: no endpoint health; the labels are /],
  ])('refuse %j with a usage error naming the flag', (flags, message) => {
    const error = usageError(flags);
    expect(error.code).toBe('BAD_FLAG');
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(message);
  });
});
