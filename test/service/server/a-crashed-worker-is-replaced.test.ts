import { execFileSync } from 'node:child_process';
import { get } from 'node:http';
import { afterAll, expect, it } from 'vitest';
import { startServiceProcess } from '../../../src/harness/stack/service-process.js';
import { createTestDatabase } from '../../helpers/database.js';

const db = await createTestDatabase();
const service = await startServiceProcess({
  databaseUrl: db.url,
  workers: 2,
  tokenSecret: 'server-test-secret-0123456789',
});
afterAll(async () => {
  await service.stop();
});

/** The primary's node children (tsx may also run an esbuild helper under it). */
function workerPids(): number[] {
  let listing: string;
  try {
    listing = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(service.pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there is no child
  }
  return listing
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, command]) => command === 'node')
    .map(([pid]) => Number(pid))
    .sort();
}

/**
 * GET /health on a new connection (a kept-alive one may belong to the killed worker); undefined
 * when the connection fails or stalls, as one handed to the worker at the moment it died may.
 */
function healthStatus(): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = get(`${service.url}/health`, { agent: false, timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(undefined));
  });
}

it('runs two workers under the primary, and replaces one that is killed while the other keeps serving', async () => {
  await expect.poll(workerPids, { timeout: 30_000 }).toHaveLength(2);
  const [victim, survivor] = workerPids() as [number, number];

  process.kill(victim, 'SIGKILL');
  await expect.poll(healthStatus, { timeout: 10_000 }).toBe(200);
  await expect.poll(() => workerPids().filter((pid) => pid !== victim), { timeout: 30_000 }).toHaveLength(2);
  expect(workerPids()).toContain(survivor);
  await expect.poll(healthStatus, { timeout: 10_000 }).toBe(200);
});
