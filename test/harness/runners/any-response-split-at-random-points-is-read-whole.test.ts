import fc from 'fast-check';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createPool, sendRequest } from '../../../src/harness/runners/http-sender.js';
import { classifyStatus } from '../../../src/model/request-outcome.js';

// A raw server: each request on a connection is answered with the pieces of `pieces`, one write
// each and a timer between them (the client, in this process, reads each before the next is written).
let pieces: Buffer[] = [];
let closeAfter = false;
let server: Server;
let origin: string;

async function answer(socket: Socket): Promise<void> {
  const toWrite = pieces;
  const close = closeAfter;
  for (const piece of toWrite) {
    if (socket.destroyed) return;
    socket.write(piece);
    await sleep(0);
  }
  if (close) socket.end();
}

beforeAll(async () => {
  server = createServer((socket) => {
    socket.setNoDelay(true);
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      head = '';
      void answer(socket);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const headerName = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/)
  .filter((name) => !['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name.toLowerCase()));
const headerValue = fc.stringMatching(/^[!-~]([ -~]{0,30}[!-~])?$/);
/** A fraction in [0, 1] spread evenly (fast-check's doubles crowd near 0). */
const fraction = fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000);
/** A header name in random letter case. */
const anyCase = (name: string): fc.Arbitrary<string> =>
  fc
    .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
    .map((upper) => [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''));

const response = fc.record({
  interim: fc.constantFrom(undefined, 100, 103),
  status: fc.integer({ min: 200, max: 599 }).filter((status) => status !== 204 && status !== 304),
  headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 8 }),
  body: fc.jsonValue({ maxDepth: 3 }),
  framing: fc.constantFrom('length', 'chunked', 'close'),
  lengthName: anyCase('content-length'),
  encodingName: anyCase('transfer-encoding'),
  /** Chunk sizes as fractions of the body; extensions and trailers of the chunked framing. */
  cuts: fc.array(fraction, { maxLength: 6 }),
  extension: fc.constantFrom('', ';a=1', ';name="quoted;value"', ' ; x'),
  trailers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 3 }),
  /** Split points of the whole response, as fractions of its length, and at every `stride` bytes of its first 300. */
  splits: fc.array(fraction, { maxLength: 12 }),
  stride: fc.option(fc.integer({ min: 1, max: 7 }), { freq: 3 }),
});
type Response = typeof response extends fc.Arbitrary<infer T> ? T : never;

/** The response's bytes on the wire. */
function wire(r: Response, body: Buffer): Buffer {
  let head = r.interim === undefined ? '' : `HTTP/1.1 ${r.interim} Interim\r\nx-interim: yes\r\n\r\n`;
  head += `HTTP/1.1 ${r.status} Some Reason\r\n`;
  for (const [name, value] of r.headers) head += `${name}: ${value}\r\n`;
  if (r.framing === 'length') head += `${r.lengthName}: ${body.length}\r\n`;
  if (r.framing === 'chunked') head += `${r.encodingName}: chunked\r\n`;
  head += '\r\n';
  if (r.framing !== 'chunked') return Buffer.concat([Buffer.from(head, 'latin1'), body]);
  const cuts = [...new Set(r.cuts.map((cut) => Math.floor(cut * body.length)))].sort((a, b) => a - b);
  const parts: Buffer[] = [Buffer.from(head, 'latin1')];
  let from = 0;
  for (const cut of [...cuts, body.length]) {
    if (cut <= from) continue;
    parts.push(
      Buffer.from(`${(cut - from).toString(16)}${r.extension}\r\n`),
      body.subarray(from, cut),
      Buffer.from('\r\n'),
    );
    from = cut;
  }
  const trailers = r.trailers.map(([name, value]) => `${name}: ${value}\r\n`).join('');
  parts.push(Buffer.from(`0${r.extension}\r\n${trailers}\r\n`));
  return Buffer.concat(parts);
}

test('any response, split at random points, is read whole with its status and body', async () => {
  await fc.assert(
    fc.asyncProperty(response, async (r) => {
      const text = JSON.stringify(r.body);
      const bytes = wire(r, Buffer.from(text, 'utf8'));
      const strided =
        r.stride === null ? [] : Array.from({ length: Math.floor(300 / r.stride) }, (_, i) => i * r.stride!);
      const splits = [...new Set([...r.splits.map((split) => Math.floor(split * bytes.length)), ...strided])]
        .filter((split) => split > 0 && split < bytes.length)
        .sort((a, b) => a - b);
      pieces = [0, ...splits]
        .map((from, i) => bytes.subarray(from, [...splits, bytes.length][i]))
        .filter((piece) => piece.length > 0);
      closeAfter = r.framing === 'close';
      const pool = createPool(origin, 2, 2_000);
      let seen: { status: number; body: unknown } | undefined;
      try {
        const result = await sendRequest(
          pool,
          { method: 'GET', path: '/', label: 'any', onResponse: (answer) => void (seen = answer) },
          '',
        );
        expect(seen).toEqual({ status: r.status, body: JSON.parse(text) });
        expect(result.outcome).toEqual(classifyStatus(r.status));
        expect(result.completedAtMs).toBeGreaterThanOrEqual(result.sentAtMs);
      } finally {
        await pool.close();
      }
    }),
    { numRuns: 100 },
  );
});
