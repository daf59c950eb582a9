import { execFile } from 'node:child_process';
import { expect, it } from 'vitest';
import { serviceEntry } from '../../../src/harness/build/service-build-info.js';

const complete = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
  REFERRAL_BENCH_TOKEN_SECRET: 'compiled-test-secret-0123456789',
};

function start(env: Record<string, string | undefined>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [serviceEntry()],
      { env: { PATH: process.env.PATH, ...env }, timeout: 30_000 },
      (error, _stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }),
    );
  });
}

it.each([
  { variable: 'DATABASE_URL', env: { ...complete, DATABASE_URL: undefined }, problem: 'is not set' },
  {
    variable: 'REFERRAL_BENCH_TOKEN_SECRET',
    env: { ...complete, REFERRAL_BENCH_TOKEN_SECRET: undefined },
    problem: 'is not set',
  },
  { variable: 'PORT', env: { ...complete, PORT: 'eighty' }, problem: 'expected a whole number' },
  {
    variable: 'REFERRAL_BENCH_TEST_DELAY',
    env: { ...complete, NODE_ENV: 'production', REFERRAL_BENCH_TEST_DELAY: 'health:5' },
    problem: 'refused in production mode',
  },
])('exits 2 before connecting to anything, with one line naming $variable', async ({ variable, env, problem }) => {
  const { code, stderr } = await start(env);
  expect(code, stderr).toBe(2);
  expect(stderr.trimEnd().split('\n')).toEqual([
    expect.stringContaining(`referral-bench service: BAD_ENVIRONMENT: ${variable}: ${problem}`),
  ]);
});
