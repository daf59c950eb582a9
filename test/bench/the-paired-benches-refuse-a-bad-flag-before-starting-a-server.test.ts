import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function bench(script: string, args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `bench/${script}`, ...args],
      { cwd: root, timeout: 60_000 },
      (error, _stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr });
      },
    );
  });
}

// These benches seed two clones (minutes at 1M) before they use a setup file: a wrong path or
// count must stop them at once, naming the flag, not after the seeding.
describe('a paired bench given a bad flag', () => {
  it.each<[string, string[], RegExp]>([
    ['bulk-processing.ts', ['--referrals', 'lots'], /^bulk-processing: --referrals/],
    [
      'bulk-processing.ts',
      ['--setup-a', 'no/such/file.sql'],
      /^bulk-processing: --setup-a: cannot read no\/such\/file\.sql/,
    ],
    ['campaign-processing.ts', ['--referrals', '2x'], /^campaign-processing: --referrals/],
    ['campaign-processing.ts', ['--setup-b', 'no/such/file.sql'], /^campaign-processing: --setup-b: cannot read/],
  ])('%s %s exits 2 naming it, before any server', async (script, args, message) => {
    const { code, stderr } = await bench(script, args);
    expect([code, stderr]).toEqual([2, expect.stringMatching(message)]);
    expect(stderr).not.toMatch(/starting embedded PostgreSQL/);
  });
});
