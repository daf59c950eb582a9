import { describe, expect, it } from 'vitest';
import { resolveRunConfig } from '../../../src/harness/config.js';

const target = {
  targetUrl: 'http://127.0.0.1:3000',
  databaseUrl: 'postgres://postgres:secret@127.0.0.1:5432/referral_bench',
  env: { REFERRAL_BENCH_TOKEN_SECRET: 'a-secret-of-sixteen-or-more' },
};

describe('--generator i/n', () => {
  it.each([
    ['0/3', /--generator: expected a generator number from 1 to 3, got 0/],
    ['4/3', /--generator: expected a generator number from 1 to 3, got 4/],
    ['1/0', /--generator: expected 1 to 1000 generators, got 0/],
    ['2', /--generator: expected i\/n/],
    ['one/two', /--generator: expected i\/n/],
    ['-1/2', /--generator: expected i\/n/],
  ])('refuses %s naming the flag', (generator, message) => {
    expect(() => resolveRunConfig({ ...target, generator })).toThrow(
      expect.objectContaining({ code: 'BAD_FLAG', message: expect.stringMatching(message) }),
    );
  });

  it('is refused without a deployed target, naming the flag', () => {
    expect(() => resolveRunConfig({ generator: '1/2', env: {} })).toThrow(
      /^--generator: .*there is none \(--target-url\)$/,
    );
  });

  it("resolves into the target's frozen share", () => {
    const config = resolveRunConfig({ ...target, generator: '2/3' });
    expect(config.target?.generator).toEqual({ index: 2, count: 3 });
    expect(Object.isFrozen(config.target?.generator)).toBe(true);
    expect(resolveRunConfig(target).target?.generator).toBeUndefined();
  });
});
