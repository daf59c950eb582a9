import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { StackUrls } from '../../../src/harness/stack/stack-provider.js';
import { alive, findServer, portOpen } from './server-processes.js';

const script = fileURLToPath(new URL('./start-embedded-server.ts', import.meta.url));

describe('a process running the embedded provider', () => {
  it('stops its server and removes its directory when it gets SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = once(child, 'exit');
    try {
      const [line] = await Promise.race([
        once(createInterface({ input: child.stdout }), 'line') as Promise<[string]>,
        exited.then(() => {
          throw new Error(`the child exited before its server was up: ${stderr}`);
        }),
      ]);
      const urls = JSON.parse(line) as StackUrls;
      const port = Number(new URL(urls.adminUrl).port);
      const server = findServer(port);
      expect(server).toBeDefined();

      child.kill('SIGINT');
      const [code, signal] = await exited;
      expect({ code, signal }).toEqual({ code: 130, signal: null });
      expect(server!.pids.filter(alive)).toEqual([]);
      expect(existsSync(dirname(server!.dataDir))).toBe(false);
      expect(await portOpen(port)).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
