import getPort from 'get-port';
import { describe, expect, it } from 'vitest';
import { lines, runCli } from './run-cli.js';

// A free port nobody listens on: connections to it are refused at once.
const closedPort = await getPort({ host: '127.0.0.1' });

describe('referral-bench migrate', () => {
  it.each([
    { problem: 'a malformed URL', url: 'not a url' },
    { problem: 'a URL that is not postgres://', url: 'mysql://root@127.0.0.1:3306/db' },
    { problem: 'an unreachable server', url: `postgres://postgres@127.0.0.1:${closedPort}/postgres` },
  ])('fails on $problem with one line naming --database-url and exit code 2', async ({ url }) => {
    const outcome = await runCli(['migrate', '--database-url', url]);
    expect(outcome.code).toBe(2);
    expect(lines(outcome.stderr)).toEqual([
      expect.stringMatching(/^referral-bench: BAD_DATABASE_URL: --database-url: /),
    ]);
  });
});
