import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createPool, sendRequest } from '../../../src/harness/runners/http-sender.js';

let server: Server;
let connections = 0;
let origin: string;
beforeAll(async () => {
  server = createServer((_request, response) => {
    response.setHeader('Connection', 'close');
    response.end('{"n":1}');
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('a response saying connection: close is read whole and its socket is not used again', async () => {
  const pool = createPool(origin, 1, 10_000);
  const bodies: unknown[] = [];
  try {
    for (let i = 0; i < 5; i += 1) {
      const result = await sendRequest(
        pool,
        { method: 'GET', path: '/', label: 'close', onResponse: ({ body }) => void bodies.push(body) },
        '',
      );
      expect(result.outcome).toEqual({ kind: 'ok' });
    }
  } finally {
    await pool.close();
  }
  expect(bodies).toEqual(Array.from({ length: 5 }, () => ({ n: 1 })));
  expect(connections).toBe(5);
});
