import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createPool, sendRequest } from '../../../src/harness/runners/http-sender.js';

let server: Server;
let origin: string;
let reply = '';
beforeAll(async () => {
  server = createServer((socket) => {
    socket.on('data', () => socket.write(reply));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('bytes that are not an HTTP response settle as an error of class other, as undici parser errors did', async () => {
  const replies = [
    'SMTP ready\r\n\r\n',
    'HTTP/1.1 2OO OK\r\n\r\n',
    'HTTP/1.1 200 OK\r\ncontent-length: twelve\r\n\r\n',
    'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n',
    'HTTP/1.1 200 OK\r\ncontent-length: 2\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n',
  ];
  for (const bytes of replies) {
    reply = bytes;
    const pool = createPool(origin, 1, 10_000);
    try {
      const result = await sendRequest(pool, { method: 'GET', path: '/', label: 'bad' }, '');
      expect(result.outcome, JSON.stringify(bytes)).toEqual({ kind: 'error', errorClass: 'other' });
    } finally {
      await pool.close();
    }
  }
});
