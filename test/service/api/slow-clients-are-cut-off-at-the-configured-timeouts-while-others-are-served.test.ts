import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { adminAuth, startApi } from './api-harness.js';
import { createOrganization } from '../../helpers/fixtures.js';

const limits = { headersTimeoutMs: 1000, requestTimeoutMs: 2000, keepAliveTimeoutMs: 1000 };
/** Past its limit, a connection still open after this long counts as held. */
const grace = 2500;

interface Held {
  readonly label: string;
  readonly limitMs: number;
  /** The status line the server answers with before it closes the connection. */
  readonly answer: string;
  readonly outcome: Promise<{ afterMs: number; answer: string } | 'still open'>;
}

const timedOut = 'HTTP/1.1 408 Request Timeout';

/** A connection that writes `opening`, then one character of `drip` every 100 ms, until the server closes it. */
function hold(port: number, label: string, limitMs: number, answer: string, opening: string, drip = ''): Held {
  const started = performance.now();
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  let sent = 0;
  const dripping = setInterval(() => {
    if (drip && socket.writable) socket.write(drip[sent++ % drip.length]!);
  }, 100);
  socket.on('connect', () => {
    if (opening) socket.write(opening);
  });
  socket.on('data', (chunk) => {
    received += chunk.toString();
  });
  // A reset after the answer is one more way of being cut off.
  socket.on('error', () => undefined);
  const closed = new Promise<{ afterMs: number; answer: string }>((resolve) =>
    socket.on('close', () => resolve({ afterMs: performance.now() - started, answer: received })),
  );
  const outcome = Promise.race([closed, sleep(limitMs + grace, 'still open' as const)]).finally(() => {
    clearInterval(dripping);
    socket.destroy();
  });
  return { label, limitMs, answer, outcome };
}

describe('slow clients', () => {
  it('are cut off at the configured timeouts, a request unfinished with a 408, while other requests are served', async () => {
    const { app, db } = await startApi('optimized', limits);
    const org = await createOrganization(db.pool);
    const admin = adminAuth(org.id);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(url).port);

    const held: Held[] = [];
    for (let i = 0; i < 20; i += 1) {
      held.push(
        hold(
          port,
          `headers a byte at a time #${i}`,
          limits.headersTimeoutMs,
          timedOut,
          'GET /leaderboard HTTP/1.1\r\nHost: localhost\r\n',
          'X-Slow: still coming\r\n',
        ),
      );
    }
    for (let i = 0; i < 5; i += 1)
      held.push(hold(port, `connected, silent #${i}`, limits.headersTimeoutMs, timedOut, ''));
    for (let i = 0; i < 5; i += 1) {
      // Authenticated, so the route waits for the body instead of refusing at the headers.
      held.push(
        hold(
          port,
          `body a byte at a time #${i}`,
          limits.requestTimeoutMs,
          timedOut,
          `POST /referrals HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${admin.authorization}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`,
          ' ',
        ),
      );
    }
    held.push(
      hold(
        port,
        'kept alive after its answer, then idle',
        limits.keepAliveTimeoutMs,
        'HTTP/1.1 200 OK',
        'GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n',
      ),
    );

    // Others are served while the slow ones hang, before and after the first are cut off.
    const served: number[] = [];
    for (const pause of [300, 500, 700]) {
      await sleep(pause);
      served.push((await fetch(`${url}/leaderboard`, { headers: admin })).status);
    }
    expect(served).toEqual([200, 200, 200]);

    const outcomes = [];
    for (const { label, limitMs, outcome } of held) {
      const result = await outcome;
      outcomes.push(
        result === 'still open'
          ? `${label}: still open ${limitMs + grace} ms in`
          : `${label}: ${result.afterMs >= limitMs * 0.9 && result.afterMs <= limitMs + grace ? 'cut off at its limit' : `cut off after ${Math.round(result.afterMs)} ms`}, ${result.answer.split('\r\n')[0] ?? ''}`,
      );
    }
    expect(outcomes).toEqual(held.map(({ label, answer }) => `${label}: cut off at its limit, ${answer}`));

    expect((await fetch(`${url}/leaderboard`, { headers: admin })).status).toBe(200);
  });
});
