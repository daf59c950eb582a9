import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { resolveServiceConfig, ServiceConfigError } from '../../../src/service/config.js';

const entry = fileURLToPath(new URL('../../../bin/referral-bench.js', import.meta.url));
const base = { databaseUrl: 'postgres://postgres@127.0.0.1:1/none', tokenSecret: 'a-secret-of-enough-length' };

function serve(args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [entry, 'serve', '--database-url', base.databaseUrl, '--port', '0', ...args],
      { env: { ...process.env, REFERRAL_BENCH_TOKEN_SECRET: base.tokenSecret, ...env }, timeout: 30_000 },
      (error, _stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }),
    );
  });
}

it('is refused at start-up in production mode, from the flag or the variable, with a usage error naming --test-delay', async () => {
  expect(() =>
    resolveServiceConfig({ ...base, production: true, testDelay: { route: 'student-profile', ms: 5 } }),
  ).toThrow(ServiceConfigError);
  expect(
    resolveServiceConfig({ ...base, production: false, testDelay: { route: 'student-profile', ms: 5 } }).testDelay,
  ).toEqual({ route: 'student-profile', ms: 5 });

  const byFlag = await serve(['--test-delay', 'student-profile:5'], { NODE_ENV: 'production' });
  expect(byFlag.code, byFlag.stderr).toBe(2);
  expect(byFlag.stderr).toMatch(/BAD_FLAG: --test-delay: refused in production mode \(NODE_ENV=production\)/);

  const byVariable = await serve([], { NODE_ENV: 'production', REFERRAL_BENCH_TEST_DELAY: 'student-profile:5' });
  expect(byVariable.code, byVariable.stderr).toBe(2);
  expect(byVariable.stderr).toMatch(/--test-delay: refused in production mode/);
});
