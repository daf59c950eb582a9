import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRunConfig, type RunConfigInput } from '../../../src/harness/config.js';

const dir = mkdtempSync(join(tmpdir(), 'rb-micro-config-'));
const fromFile = join(dir, 'micro.json');
writeFileSync(fromFile, JSON.stringify({ profile: 'smoke', withMicro: 15 }));

describe('--with-micro', () => {
  it.each<[string, RunConfigInput, number]>([
    ['the flag alone gives the default budget', { withMicro: true }, 60_000],
    ['a number of seconds is the budget', { withMicro: '20' }, 20_000],
    ['0 turns them off', { profile: 'full', withMicro: '0' }, 0],
    ['the full profile takes them by default', { profile: 'full' }, 60_000],
    ['the quick profile does not', { profile: 'quick' }, 0],
    ['the smoke profile does not', { profile: 'smoke' }, 0],
    ['a config file may set it', { config: fromFile }, 15_000],
    ['a config file may turn them off', { profile: 'full', withMicro: false }, 0],
  ])('%s', (_case, input, budgetMs) => {
    const config = resolveRunConfig({ ...input, env: {} });
    expect(config.microBudgetMs).toBe(budgetMs);
    expect(Object.isFrozen(config)).toBe(true);
  });
});
