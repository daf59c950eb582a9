import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createPool, sendRequest } from '../../../src/harness/runners/http-sender.js';

let server: Server;
let origin: string;
beforeAll(async () => {
  // Reads the request and never answers.
  server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

test('a request with no response within the request timeout settles as a timeout, and its follow-up hears status 0', async () => {
  const pool = createPool(origin, 1, 150);
  const heard: unknown[] = [];
  try {
    const result = await sendRequest(
      pool,
      { method: 'GET', path: '/', label: 'slow', onResponse: (response) => void heard.push(response) },
      '',
    );
    expect(result.outcome).toEqual({ kind: 'error', errorClass: 'timeout' });
  } finally {
    await pool.close();
  }
  expect(heard).toEqual([{ status: 0, body: undefined }]);
});
