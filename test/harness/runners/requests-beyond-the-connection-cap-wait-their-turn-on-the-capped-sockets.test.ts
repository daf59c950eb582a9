import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createPool, sendRequest } from '../../../src/harness/runners/http-sender.js';

let server: Server;
let connections = 0;
let origin: string;
beforeAll(async () => {
  server = createServer((request, response) => setImmediate(() => response.end(JSON.stringify(request.url))));
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('requests sent at once beyond the connection cap wait for a socket and each gets its own answer', async () => {
  const pool = createPool(origin, 3, 10_000);
  const answers: unknown[] = [];
  try {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        sendRequest(
          pool,
          { method: 'GET', path: `/${i}`, label: 'n', onResponse: ({ body }) => void (answers[i] = body) },
          '',
        ),
      ),
    );
    expect(results.every((result) => result.outcome.kind === 'ok')).toBe(true);
  } finally {
    await pool.close();
  }
  expect(answers).toEqual(Array.from({ length: 40 }, (_, i) => `/${i}`));
  expect(connections).toBe(3);
});
