import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./precise-timer-holds-the-process-open-only-while-armed.ts', import.meta.url));
// a hung child is killed: the test then fails on its signal instead of hanging
const run = (...args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], {
    timeout: 20_000,
    killSignal: 'SIGKILL',
  });

describe('a process with a precise timer it never closes', () => {
  it('exits by itself when the timer is idle, and only after the wake when it is armed', async () => {
    const [idle, armed] = await Promise.all([run(), run('arm')]);
    expect(idle.stdout).toBe('started\n');
    expect(armed.stdout).toBe('started\nwoke\n');
  });
});
