import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { createTokenCodec } from '../../../src/service/auth/token-codec.js';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization } from '../../helpers/fixtures.js';

const db = await createTestDatabase();
const cli = fileURLToPath(new URL('../../../bin/referral-bench.js', import.meta.url));
const env = { ...process.env };
delete env.REFERRAL_BENCH_TOKEN_SECRET;
const child = spawn(process.execPath, [cli, 'serve', '--dev', '--database-url', db.url, '--port', '0'], {
  env,
  stdio: ['ignore', 'ignore', 'pipe'],
});
const exited = new Promise((resolve) => child.once('exit', resolve));
afterAll(async () => {
  child.kill('SIGTERM');
  await exited;
});

it('starts with --dev alone, keeps the secret in a mode 0600 file while it runs, says where, and accepts tokens signed with it', async () => {
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  await expect.poll(() => stderr, { timeout: 30_000 }).toMatch(/serving .* at http:\/\/127\.0\.0\.1:\d+/);

  const path = /kept in (\S+)/.exec(stderr)?.[1];
  expect(path).toBeDefined();
  expect((await stat(path!)).mode & 0o777).toBe(0o600);
  const secret = (await readFile(path!, 'utf8')).trim();
  expect(secret.length).toBeGreaterThanOrEqual(32);

  const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)![1]!;
  const org = await createOrganization(db.pool);
  const token = createTokenCodec(secret).sign({ organizationId: org.id, role: 'admin', studentId: undefined }, 60);
  const signed = await fetch(`${url}/leaderboard`, { headers: { authorization: `Bearer ${token}` } });
  expect(signed.status).toBe(200);
  const forged = createTokenCodec('some-other-secret-0123456789').sign(
    { organizationId: org.id, role: 'admin', studentId: undefined },
    60,
  );
  expect((await fetch(`${url}/leaderboard`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);

  child.kill('SIGTERM');
  await exited;
  await expect(stat(path!)).rejects.toMatchObject({ code: 'ENOENT' });
});
