import { describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveRunConfig, type RunConfigInput } from '../../../src/harness/config.js';
import { HarnessError } from '../../../src/core/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'rb-config-'));
const notJson = join(dir, 'not.json');
writeFileSync(notJson, '{ nope');
const unknownKey = join(dir, 'unknown.json');
writeFileSync(unknownKey, JSON.stringify({ profile: 'smoke', colour: 'blue' }));

describe('resolveRunConfig', () => {
  it.each<[string, RunConfigInput, RegExp]>([
    ['an unknown profile', { profile: 'huge' }, /--profile: expected one of smoke, quick, full/],
    ['an unknown provider', { provider: 'cloud' }, /--provider: expected one of embedded, external, docker/],
    ['external without DATABASE_URL', { provider: 'external', env: {} }, /--provider: external needs DATABASE_URL/],
    [
      'a malformed DATABASE_URL',
      { provider: 'external', env: { DATABASE_URL: 'mysql://x' } },
      /DATABASE_URL: expected a postgres:\/\/ URL/,
    ],
    ['a negative seed', { seed: '-1' }, /--seed: expected a whole number/],
    ['zero workers', { workers: '0' }, /--workers: expected a whole number from 1 to 64/],
    [
      'a fractional --until-decided',
      { untilDecided: '1.5' },
      /--until-decided: expected a whole number from 0 to 3600/,
    ],
    ['an unknown runner', { runner: 'jmeter' }, /--runner: expected one of builtin, k6/],
    [
      'a --with-micro budget that is not a number',
      { withMicro: 'lots' },
      /--with-micro: expected a whole number from 0 to 3600, got "lots"/,
    ],
    ['an unreadable config file', { config: join(dir, 'missing.json') }, /--config: cannot read/],
    ['a config file that is not JSON', { config: notJson }, /--config .*not a JSON object/],
    ['a config file with an unknown key', { config: unknownKey }, /unknown setting "colour"/],
    [
      'a --target-url that is not a URL',
      { targetUrl: 'svc:3000:x', databaseUrl: 'postgres://p@127.0.0.1/db', env: { REFERRAL_BENCH_TOKEN_SECRET: 's' } },
      /--target-url: expected an http or https URL|--target-url: expected the service's base URL/,
    ],
    [
      'a --target-url with a path',
      {
        targetUrl: 'http://127.0.0.1:3000/api',
        databaseUrl: 'postgres://p@127.0.0.1/db',
        env: { REFERRAL_BENCH_TOKEN_SECRET: 's' },
      },
      /--target-url: expected the service's base URL, without a path/,
    ],
    [
      'a remote --target-url without --allow-remote',
      {
        targetUrl: 'http://192.0.2.10:3000',
        databaseUrl: 'postgres://p@127.0.0.1/db',
        env: { REFERRAL_BENCH_TOKEN_SECRET: 's' },
      },
      /--allow-remote: --target-url 192\.0\.2\.10:3000 is not this machine/,
    ],
    [
      'a remote target database without --allow-remote',
      {
        targetUrl: 'http://127.0.0.1:3000',
        databaseUrl: 'postgres://p@db.example:5432/db',
        env: { REFERRAL_BENCH_TOKEN_SECRET: 's' },
      },
      /--allow-remote: --database-url db\.example is not this machine/,
    ],
    [
      'a remote target database named by a host parameter, without --allow-remote',
      {
        targetUrl: 'http://127.0.0.1:3000',
        databaseUrl: 'postgres://p@127.0.0.1/db?host=db.example',
        env: { REFERRAL_BENCH_TOKEN_SECRET: 's' },
      },
      /--allow-remote: --database-url db\.example is not this machine/,
    ],
    [
      'a target database from a remote DATABASE_URL without --allow-remote',
      {
        targetUrl: 'http://127.0.0.1:3000',
        env: { DATABASE_URL: 'postgres://p@10.1.2.3/prod', REFERRAL_BENCH_TOKEN_SECRET: 's' },
      },
      /--allow-remote: --database-url 10\.1\.2\.3 is not this machine/,
    ],
    [
      'a --target-url without its database',
      { targetUrl: 'http://127.0.0.1:3000', env: { REFERRAL_BENCH_TOKEN_SECRET: 's' } },
      /--database-url: a deployed target/,
    ],
    [
      'a --target-url without its token secret',
      { targetUrl: 'http://127.0.0.1:3000', databaseUrl: 'postgres://p@127.0.0.1/db', env: {} },
      /--target-url: a deployed target accepts only tokens signed with its secret: set REFERRAL_BENCH_TOKEN_SECRET/,
    ],
    [
      'a --target-url with a --provider',
      {
        targetUrl: 'http://127.0.0.1:3000',
        databaseUrl: 'postgres://p@127.0.0.1/db',
        provider: 'embedded',
        env: { REFERRAL_BENCH_TOKEN_SECRET: 's' },
      },
      /--provider: a deployed target/,
    ],
    [
      'a --database-url without --target-url',
      { databaseUrl: 'postgres://p@127.0.0.1/db' },
      /--database-url: names the database of a deployed target/,
    ],
  ])('rejects %s with a usage error naming it', (_case, input, message) => {
    let thrown: unknown;
    try {
      resolveRunConfig(input);
    } catch (error: unknown) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HarnessError);
    expect((thrown as HarnessError).exitCode).toBe(2);
    expect((thrown as HarnessError).message).toMatch(message);
  });

  it('resolves defaults into a frozen object', () => {
    const config = resolveRunConfig({ env: {} });
    expect(config).toMatchObject({
      profile: 'quick',
      provider: 'embedded',
      seed: 42,
      runner: 'builtin',
      workers: 1,
      outDir: 'reports',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('gives each profile its own --until-decided budget, and lets the flag turn it off', () => {
    expect(resolveRunConfig({ profile: 'smoke', env: {} }).untilDecidedMs).toBe(0);
    expect(resolveRunConfig({ profile: 'quick', env: {} }).untilDecidedMs).toBe(30_000);
    expect(resolveRunConfig({ profile: 'quick', untilDecided: '0', env: {} }).untilDecidedMs).toBe(0);
  });
});
