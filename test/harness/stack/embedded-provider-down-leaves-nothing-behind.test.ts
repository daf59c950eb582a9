import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedProvider } from '../../../src/harness/stack/embedded-provider.js';
import { withClient } from '../../../src/core/database-admin.js';
import { alive, findServer, portOpen, type ServerProcesses } from './server-processes.js';

describe('the embedded provider', () => {
  it('serves a database on a loopback port, and down() leaves no process, directory or open port', async () => {
    const provider = new EmbeddedProvider();
    let port: number;
    let server: ServerProcesses | undefined;
    try {
      const urls = await provider.up();
      port = Number(new URL(urls.databaseUrl).port);
      expect(new URL(urls.databaseUrl).hostname).toBe('127.0.0.1');
      const {
        rows: [row],
      } = await withClient(urls.databaseUrl, (client) =>
        client.query<{ db: string }>('SELECT current_database() AS db'),
      );
      expect(row).toEqual({ db: 'referral_bench' });
      server = findServer(port);
      expect(server?.dataDir.startsWith(tmpdir())).toBe(true);
    } finally {
      await provider.down();
    }

    expect(server!.pids.filter(alive)).toEqual([]);
    expect(existsSync(dirname(server!.dataDir))).toBe(false);
    expect(await portOpen(port)).toBe(false);
    await provider.down(); // twice is harmless
  });
});
