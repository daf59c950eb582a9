import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createPool, sendRequest } from '../../../src/harness/runners/http-sender.js';

let server: Server;
let connections = 0;
let origin: string;
beforeAll(async () => {
  server = createServer((_request, response) => response.end('ok'));
  // Node sends `keep-alive: timeout=3`: the pool keeps the socket idle 3 s less its 2 s margin.
  server.keepAliveTimeout = 3000;
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('a socket idle longer than the server hinted less the margin is not reused, one idle less long is', async () => {
  const pool = createPool(origin, 4, 10_000);
  const get = () => sendRequest(pool, { method: 'GET', path: '/', label: 'root' }, '');
  try {
    expect((await get()).outcome).toEqual({ kind: 'ok' });
    await sleep(300);
    expect((await get()).outcome).toEqual({ kind: 'ok' });
    expect(connections).toBe(1);
    // Past 1 s idle (3 s hinted, less 2 s) and well before the server's own 3 s close.
    await sleep(1500);
    expect((await get()).outcome).toEqual({ kind: 'ok' });
    expect(connections).toBe(2);
  } finally {
    await pool.close();
  }
});
