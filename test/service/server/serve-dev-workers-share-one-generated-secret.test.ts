import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { createTokenCodec } from '../../../src/service/auth/token-codec.js';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization } from '../../helpers/fixtures.js';

const db = await createTestDatabase();
const cli = fileURLToPath(new URL('../../../bin/referral-bench.js', import.meta.url));
const env = { ...process.env };
delete env.REFERRAL_BENCH_TOKEN_SECRET;
const child = spawn(
  process.execPath,
  [cli, 'serve', '--dev', '--workers', '2', '--database-url', db.url, '--port', '0'],
  { env, stdio: ['ignore', 'ignore', 'pipe'] },
);
const exited = new Promise((resolve) => child.once('exit', resolve));
afterAll(async () => {
  child.kill('SIGTERM');
  await exited;
});

/** One request on its own connection, so the primary hands each to the next worker. */
function status(url: string, token: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    get(`${url}/leaderboard`, { agent: false, headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.resume();
      resolve(response.statusCode);
    }).once('error', reject);
  });
}

it('has every worker accept tokens signed with the one secret the primary generated', async () => {
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  await expect.poll(() => stderr, { timeout: 30_000 }).toMatch(/serving .* at http:\/\/127\.0\.0\.1:\d+ \(2 workers/);
  expect(stderr.match(/generated a token secret/g)).toHaveLength(1);

  const secret = (await readFile(/kept in (\S+)/.exec(stderr)![1]!, 'utf8')).trim();
  const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)![1]!;
  const org = await createOrganization(db.pool);
  const token = createTokenCodec(secret).sign({ organizationId: org.id, role: 'admin', studentId: undefined }, 60);
  const statuses = [];
  for (let i = 0; i < 6; i += 1) statuses.push(await status(url, token));
  expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
});
