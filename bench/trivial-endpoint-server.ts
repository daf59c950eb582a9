/**
 * A trivial HTTP endpoint in its own process for the generator benchmarks: answers "ok" at once,
 * or after `--delay-ms` (a ~1 ms endpoint). Prints its loopback port on stdout.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseWholeNumber } from '../src/core/whole-number.js';
import { flagsOrExit } from './flags-or-exit.js';

const delayIndex = process.argv.indexOf('--delay-ms');
const delayMs = flagsOrExit('trivial-endpoint-server', () =>
  delayIndex === -1 ? 0 : parseWholeNumber('--delay-ms', process.argv[delayIndex + 1], 0, 60_000),
);

const server = createServer((_request, response) => {
  if (delayMs > 0) setTimeout(() => response.end('ok'), delayMs);
  else response.end('ok');
});
server.keepAliveTimeout = 120_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
