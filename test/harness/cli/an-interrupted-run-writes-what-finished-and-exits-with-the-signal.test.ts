import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { validateResult } from '../../../src/harness/result/validate-result.js';

const entry = fileURLToPath(new URL('../../../bin/referral-bench.js', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'rb-interrupted-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Runs `referral-bench run ...args`, sends `signal` once stderr shows `after`; resolves to its exit code and stderr. */
function runUntil(
  args: readonly string[],
  after: RegExp,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; stderr: string; signalledAtMs: number; exitedAtMs: number }> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, 'run', ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let signalledAtMs = 0;
    // Bounded: a run that never shows the line, or never stops, fails the test.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no '${after}' or no exit within 150 s:\n${stderr}`));
    }, 150_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (signalledAtMs === 0 && after.test(stderr)) {
        signalledAtMs = performance.now();
        child.kill(signal);
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, signalledAtMs, exitedAtMs: performance.now() });
    });
  });
}

function storedResult(dir: string) {
  const json: unknown = JSON.parse(readFileSync(join(dir, 'latest', 'result.json'), 'utf8'));
  const validation = validateResult(json);
  if (!validation.valid) throw new Error(validation.errors.join('; '));
  return validation.result;
}

describe('a run stopped by a signal', () => {
  it('on SIGINT after its first scenario: stops, tears down, writes what finished marked interrupted, exits 130', async () => {
    const dir = join(out, 'sigint');
    const run = await runUntil(
      ['--profile', 'smoke', '--scenario', 'concurrent-users', 'operations', '--out', dir],
      /concurrent-users: 50 users: /,
      'SIGINT',
    );
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toMatch(/SIGINT received, stopping the load/);
    expect(run.stderr).toMatch(/stack down/);
    const result = storedResult(dir);
    expect(result).toMatchObject({ verdict: 'interrupted', exitCode: 130, interrupted: { signal: 'SIGINT' } });
    expect(
      result.scenarios.find((scenario) => scenario.name === 'concurrent-users')?.steps.map((step) => step.label),
    ).toEqual(['50 users']);
    // operations had barely started (or not at all): everything of it is listed, nothing of it judged as measured.
    expect(result.interrupted?.unfinished.some((entry) => entry.startsWith('operations'))).toBe(true);
    expect(result.scenarios.find((scenario) => scenario.name === 'operations')?.steps ?? []).toEqual([]);
    expect(result.targets.find((row) => row.id === 'load.users-100.response-time')?.verdict).toBe('not-measured');
    expect(readFileSync(join(dir, 'latest', 'summary.md'), 'utf8')).toMatch(/INTERRUPTED/);
  }, 180_000);

  it('right after, a second run works, and SIGTERM during its load stops it with exit 143', async () => {
    const dir = join(out, 'sigterm');
    const run = await runUntil(
      ['--profile', 'smoke', '--scenario', 'operations', '--out', dir],
      /operations: student-profile: /,
      'SIGTERM',
    );
    expect(run.code, run.stderr).toBe(143);
    // The load stops at once: no operations step runs to its end after the signal (each takes 6 s).
    expect(run.stderr.slice(run.stderr.indexOf('SIGTERM received'))).not.toMatch(/operations: [a-z-]+: \d+ req\/s/);
    const result = storedResult(dir);
    expect(result).toMatchObject({ verdict: 'interrupted', exitCode: 143, interrupted: { signal: 'SIGTERM' } });
    const steps = result.scenarios.find((scenario) => scenario.name === 'operations')?.steps.map((step) => step.label);
    expect(steps).toEqual(['student-profile']);
    expect(result.interrupted?.unfinished).toContain('operations/referral-analytics');
    expect(result.invariants?.state).toBe('passed');
  }, 180_000);

  it('on SIGINT during seeding: stops the seeding, runs no load, writes the result with the scenario unfinished, exits 130', async () => {
    const dir = join(out, 'seeding');
    // 100k referrals take seconds to seed: the signal comes as the seeding starts.
    const run = await runUntil(
      ['--profile', 'quick', '--scenario', 'concurrent-users', '--out', dir],
      /dataset 100,000 referrals/,
      'SIGINT',
    );
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toMatch(
      /concurrent-users: stopped before its load: seeding of 100,000 referrals stopped by a signal/,
    );
    expect(run.stderr).not.toMatch(/concurrent-users: 100 users \(/);
    expect(run.stderr).toMatch(/stack down/);
    const result = storedResult(dir);
    expect(result).toMatchObject({
      verdict: 'interrupted',
      exitCode: 130,
      interrupted: { signal: 'SIGINT', unfinished: ['concurrent-users'] },
      scenarios: [],
      datasets: [],
    });
  }, 180_000);
});
