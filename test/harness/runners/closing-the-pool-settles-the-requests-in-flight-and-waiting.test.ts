import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createPool, sendRequest } from '../../../src/harness/runners/http-sender.js';

let server: Server;
let origin: string;
let received = 0;
let onRequest: () => void = () => undefined;
beforeAll(async () => {
  // Reads requests and never answers.
  server = createServer(() => {
    received += 1;
    onRequest();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

test('closing the pool settles as errors the requests in flight and those waiting for a connection', async () => {
  const pool = createPool(origin, 2, 60_000);
  const bothArrived = new Promise<void>((resolve) => {
    onRequest = () => {
      if (received === 2) resolve();
    };
  });
  // Two in flight (the cap) and a third waiting for one of their connections.
  const sends = [1, 2, 3].map(() => sendRequest(pool, { method: 'GET', path: '/', label: 'cut' }, ''));
  await bothArrived;
  await pool.close();
  const results = await Promise.all(sends);
  expect(results.map((result) => result.outcome)).toEqual(Array(3).fill({ kind: 'error', errorClass: 'other' }));
  // Sent after the close: refused at once, as undici's closed pool does.
  const late = await sendRequest(pool, { method: 'GET', path: '/', label: 'late' }, '');
  expect(late.outcome).toEqual({ kind: 'error', errorClass: 'connection' });
});
