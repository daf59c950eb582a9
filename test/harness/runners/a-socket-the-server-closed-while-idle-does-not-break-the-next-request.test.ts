import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createPool, sendRequest } from '../../../src/harness/runners/http-sender.js';

let server: Server;
const sockets: Socket[] = [];
let origin: string;
beforeAll(async () => {
  server = createServer((_request, response) => response.end('ok'));
  server.on('connection', (socket: Socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('a keep-alive socket the server closes while it is idle is dropped, and the next request gets a new one', async () => {
  const pool = createPool(origin, 1, 10_000);
  try {
    expect((await sendRequest(pool, { method: 'GET', path: '/', label: 'a' }, '')).outcome).toEqual({ kind: 'ok' });
    // The server ends the idle connection (as at its keep-alive timeout, without a hint beforehand).
    const first = sockets[0] as Socket;
    await new Promise<void>((resolve) => {
      first.once('close', () => resolve());
      server.closeIdleConnections();
    });
    // Time for the client's side to see the server's FIN.
    await sleep(50);
    expect((await sendRequest(pool, { method: 'GET', path: '/', label: 'b' }, '')).outcome).toEqual({ kind: 'ok' });
  } finally {
    await pool.close();
  }
  expect(sockets).toHaveLength(2);
});
