import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { mintToken } from '../../../src/harness/commands/token.command.js';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';

const db = await createTestDatabase();
const cli = fileURLToPath(new URL('../../../bin/referral-bench.js', import.meta.url));
const tokenSecret = 'serve-flags-secret-0123456789';
// The shell's variables must not be what configures it: the flags are.
const env = {
  ...process.env,
  REFERRAL_BENCH_TOKEN_SECRET: tokenSecret,
  WORKERS: '5',
  REFERRAL_BENCH_REFERRALS: 'true',
};
const child = spawn(
  process.execPath,
  [cli, 'serve', '--database-url', db.url, '--port', '0', '--workers', '2', '--no-referrals'],
  { env, stdio: ['ignore', 'ignore', 'pipe'] },
);
const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
afterAll(async () => {
  child.kill('SIGTERM');
  await exited;
});

it('runs the compiled service with its flags turned into the variables, over those of the shell, and stops it on SIGTERM', async () => {
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  await expect.poll(() => stderr, { timeout: 30_000 }).toMatch(/serving .* at http:\/\/127\.0\.0\.1:\d+ \(2 workers/);
  const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)![1]!;

  const org = await createOrganization(db.pool);
  const student = await createStudent(db.pool, org.id);
  await createReferral(db.pool, student);
  const headers = { authorization: `Bearer ${mintToken({ org: org.id, role: 'admin', expiresIn: 60, tokenSecret })}` };
  const profile = await fetch(`${url}/students/${student.id}/profile`, { headers });
  expect(profile.status).toBe(200);
  expect(await profile.json()).not.toHaveProperty('referrals');

  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
