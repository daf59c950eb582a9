import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { serviceEntry } from '../../../src/harness/build/service-build-info.js';
import { createTestDatabase } from '../../helpers/database.js';

const db = await createTestDatabase();

it('runs `node dist/service/main.js` configured by environment variables alone, answers /health, and exits 0 on SIGTERM', async () => {
  // Only the variables set here: nothing inherited from the shell configures it.
  const env = {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: db.url,
    REFERRAL_BENCH_TOKEN_SECRET: 'compiled-test-secret-0123456789',
    PORT: '0',
    HOST: '127.0.0.1',
  };
  const child = spawn(process.execPath, [serviceEntry()], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    await expect
      .poll(() => stderr, { timeout: 30_000 })
      .toMatch(/serving .* at http:\/\/127\.0\.0\.1:\d+ \(1 worker, cache: in-process\)/);
    const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)![1]!;

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'up', variant: 'optimized' });
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
});
