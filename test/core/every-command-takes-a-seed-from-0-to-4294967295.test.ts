import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../src/core/errors.js';
import { maxSeed, parseSeed } from '../../src/core/whole-number.js';
import { resolveRunConfig } from '../../src/harness/config.js';
import { resolveGateConfig } from '../../src/harness/gate/gate-config.js';

describe('every command takes a seed from 0 to 4294967295', () => {
  it('accepts the whole range of the generator, as digits or as a number', () => {
    expect(maxSeed).toBe(2 ** 32 - 1);
    expect(['0', ' 42 ', '4294967295', 7].map(parseSeed)).toEqual([0, 42, 4_294_967_295, 7]);
  });

  it.each(['4294967296', '-1', '1.5', '1e3', 'x', '', 2 ** 32, -1, 0.5])(
    'refuses %j with a usage error naming --seed',
    (value) => {
      let thrown: unknown;
      try {
        parseSeed(value);
      } catch (error: unknown) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(HarnessError);
      expect((thrown as HarnessError).exitCode).toBe(2);
      expect((thrown as HarnessError).message).toMatch(/^--seed: expected a whole number from 0 to 4294967295, got /);
    },
  );

  it('run takes a seed above 2^31, as seed does', () => {
    expect(resolveRunConfig({ seed: '4294967295' }).seed).toBe(4_294_967_295);
  });

  it('run and gate refuse the same seed past the range', () => {
    expect(() => resolveRunConfig({ seed: '4294967296' })).toThrow(
      /--seed: expected a whole number from 0 to 4294967295/,
    );
    expect(() => resolveGateConfig({ aa: true, seed: '4294967296', cwd: process.cwd(), env: {} })).toThrow(
      /--seed: expected a whole number from 0 to 4294967295/,
    );
  });
});
