/** A tiny node:http server on a free loopback port for runner tests (not a test file itself). */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalServer {
  readonly url: string;
  /** Requests received so far. */
  readonly received: () => number;
  close(): Promise<void>;
}

/** Starts a server answering every request with `handler` (default: 200 "ok" at once). */
export async function startLocalServer(
  handler?: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<LocalServer> {
  let received = 0;
  const server = createServer((request, response) => {
    received += 1;
    if (handler) handler(request, response);
    else response.end('ok');
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
