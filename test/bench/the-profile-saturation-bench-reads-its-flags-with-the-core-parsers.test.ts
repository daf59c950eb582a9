import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../src/core/errors.js';
import { resolveProfileSaturationConfig, type ProfileSaturationFlags } from '../../bench/profile-saturation-config.js';

function usageError(flags: ProfileSaturationFlags): HarnessError {
  try {
    resolveProfileSaturationConfig(flags);
  } catch (error: unknown) {
    if (error instanceof HarnessError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(flags)}`);
}

describe("the profile-saturation bench's flags", () => {
  it('default to 1M referrals, 20 students, 10 s runs at 8, 16 and 32 connections, 3 rounds, seed 42, driven by wrk', () => {
    const config = resolveProfileSaturationConfig({});
    expect(config).toEqual({
      referrals: 1_000_000,
      students: 20,
      seconds: 10,
      connections: [8, 16, 32],
      rounds: 3,
      seed: 42,
      pgbench: '/usr/bin/pgbench',
      client: 'wrk',
      wrk: '/usr/bin/wrk',
      out: undefined,
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.connections)).toBe(true);
  });

  it('take the referrals in the seeder’s units and the connection counts as a list, in ascending order', () => {
    const config = resolveProfileSaturationConfig({
      referrals: '10k',
      students: '5',
      seconds: '3',
      connections: '16, 4',
      rounds: '2',
      seed: '4294967295',
      pgbench: '/opt/pg/bin/pgbench',
      client: 'runner',
      out: 'x.json',
    });
    expect(config).toEqual({
      referrals: 10_000,
      students: 5,
      seconds: 3,
      connections: [4, 16],
      rounds: 2,
      seed: 4_294_967_295,
      pgbench: '/opt/pg/bin/pgbench',
      client: 'runner',
      wrk: '/usr/bin/wrk',
      out: 'x.json',
    });
  });

  it.each([
    [{ referrals: 'many' }, /^--referrals: expected a positive whole number/],
    [{ students: '0' }, /^--students: expected a whole number from 1 to 128, got "0"/],
    [{ students: '129' }, /^--students: expected a whole number from 1 to 128/],
    [{ seconds: '2.5' }, /^--seconds: expected a whole number from 1 to 600/],
    [{ rounds: '0' }, /^--rounds: expected a whole number from 1 to 100, got "0"/],
    [{ connections: '8,,32' }, /^--connections: expected a comma-separated list/],
    [{ connections: '8,x' }, /^--connections: expected a whole number from 1 to 1000, got "x"/],
    [{ connections: '0' }, /^--connections: expected a whole number from 1 to 1000, got "0"/],
    [{ connections: '8,16,8' }, /^--connections: lists a count twice/],
    [{ seed: '-1' }, /^--seed: expected a whole number from 0 to 4294967295/],
    [{ pgbench: ' ' }, /^--pgbench: expected the path of the pgbench executable/],
    [{ client: 'k6' }, /^--client: expected wrk or runner, got "k6"/],
  ])('refuse %j with a usage error naming the flag', (flags, message) => {
    const error = usageError(flags);
    expect(error.code).toBe('BAD_FLAG');
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(message);
  });
});
