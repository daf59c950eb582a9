import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { adminAuth, startApi } from './api-harness.js';
import { createOrganization } from '../../helpers/fixtures.js';

/**
 * Writes `raw` on a new connection and resolves with the status line the server answers before
 * closing it ('' if none within 5 s). The client does not half-close: the server would take that
 * for an aborted request.
 */
function exchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(raw));
    let received = '';
    const giveUp = setTimeout(() => socket.destroy(), 5000);
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    // The server closes as soon as it has answered, often before it has read all of a large request.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve(received.split('\r\n')[0] ?? '');
    });
  });
}

const kib = 1024;

describe('oversized request headers over a socket', () => {
  it('get a 4xx before any route runs, and every request after them is served', async () => {
    const { app, db } = await startApi('optimized');
    const org = await createOrganization(db.pool);
    const admin = adminAuth(org.id);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(url).port);
    // Each carries a valid token: were its headers accepted, the route would answer 200.
    const head = `GET /leaderboard HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${admin.authorization}\r\n`;
    const oversized: Record<string, string> = {
      'a 64 KiB header value': `${head}X-Big: ${'a'.repeat(64 * kib)}\r\n\r\n`,
      'a 1 MiB header value': `${head}X-Big: ${'a'.repeat(1024 * kib)}\r\n\r\n`,
      'a 64 KiB header name': `${head}${'X'.repeat(64 * kib)}: v\r\n\r\n`,
      '10,000 headers': `${head}${Array.from({ length: 10_000 }, (_, i) => `X-Header-${i}: v\r\n`).join('')}\r\n`,
      'a 64 KiB bearer token': `GET /leaderboard HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${'a'.repeat(64 * kib)}\r\n\r\n`,
      'a 64 KiB query string': `GET /leaderboard?limit=${'0'.repeat(64 * kib)}1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${admin.authorization}\r\n\r\n`,
    };
    const served = `GET /leaderboard HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${admin.authorization}\r\nConnection: close\r\n\r\n`;

    const answers: string[] = [];
    for (const [label, raw] of Object.entries(oversized)) {
      answers.push(
        `${label}: ${/^HTTP\/1\.1 4\d\d /.test(await exchange(port, raw)) ? '4xx' : 'no 4xx'}`,
        `then: ${await exchange(port, served)}`,
      );
    }
    expect(answers).toEqual(Object.keys(oversized).flatMap((label) => [`${label}: 4xx`, 'then: HTTP/1.1 200 OK']));

    // Many at once, each case 20 times: still refused one by one, and the server still serves.
    const burst = await Promise.all(
      Object.values(oversized).flatMap((raw) => Array.from({ length: 20 }, () => exchange(port, raw))),
    );
    expect(burst.filter((line) => !/^HTTP\/1\.1 4\d\d /.test(line))).toEqual([]);
    expect(await exchange(port, served)).toBe('HTTP/1.1 200 OK');
  });
});
