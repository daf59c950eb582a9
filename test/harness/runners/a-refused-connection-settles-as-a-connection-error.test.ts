import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect, test } from 'vitest';
import { createPool, sendRequest } from '../../../src/harness/runners/http-sender.js';

test('a request to a port nobody listens on settles as a connection error', async () => {
  // A port that was free a moment ago and is closed again.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const pool = createPool(`http://127.0.0.1:${port}`, 2, 10_000);
  try {
    const results = await Promise.all(
      [1, 2, 3].map(() => sendRequest(pool, { method: 'GET', path: '/', label: 'refused' }, '')),
    );
    expect(results.map((result) => result.outcome)).toEqual(
      [1, 2, 3].map(() => ({ kind: 'error', errorClass: 'connection' })),
    );
  } finally {
    await pool.close();
  }
});
