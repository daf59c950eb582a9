import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createPool, sendRequest } from '../../../src/harness/runners/http-sender.js';

let server: Server;
let connections = 0;
let origin: string;
beforeAll(async () => {
  server = createServer((_request, response) => response.end('ok'));
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('sequential requests through a pool of several connections all go over one keep-alive socket', async () => {
  const pool = createPool(origin, 8, 10_000);
  try {
    for (let i = 0; i < 25; i += 1) {
      const result = await sendRequest(pool, { method: 'GET', path: `/n/${i}`, label: 'n' }, '');
      expect(result.outcome).toEqual({ kind: 'ok' });
    }
  } finally {
    await pool.close();
  }
  expect(connections).toBe(1);
});
