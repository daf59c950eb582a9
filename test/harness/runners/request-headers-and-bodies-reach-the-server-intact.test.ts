import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createPool, sendRequest } from '../../../src/harness/runners/http-sender.js';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}
const seen: Seen[] = [];
let server: Server;
let origin: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('methods, paths under the base path, headers and JSON bodies (multi-byte too) reach the server as sent', async () => {
  const pool = createPool(origin, 1, 10_000);
  const body = { name: 'Zoë ✓ 学生', points: [1, 2.5, null], nested: { ok: true } };
  try {
    await sendRequest(
      pool,
      {
        method: 'POST',
        path: '/referrals?x=1&y=%20',
        headers: { authorization: 'Bearer a.b.c', 'X-Trace': 'one two' },
        body,
        label: 'post',
      },
      '/api',
    );
    await sendRequest(pool, { method: 'GET', path: '/students/7', label: 'get' }, '/api');
    await sendRequest(pool, { method: 'PATCH', path: '/empty', label: 'patch' }, '');
  } finally {
    await pool.close();
  }
  const [post, get, patch] = seen;
  expect(post?.method).toBe('POST');
  expect(post?.url).toBe('/api/referrals?x=1&y=%20');
  expect(post?.headers).toMatchObject({
    host: new URL(origin).host,
    authorization: 'Bearer a.b.c',
    'x-trace': 'one two',
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(JSON.stringify(body))),
  });
  expect(JSON.parse(post?.body ?? '')).toEqual(body);
  expect(get).toMatchObject({ method: 'GET', url: '/api/students/7', body: '' });
  expect(get?.headers['content-length']).toBeUndefined();
  expect(patch).toMatchObject({ method: 'PATCH', url: '/empty', body: '' });
  expect(patch?.headers['content-length']).toBe('0');
});
