import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { validateResult } from '../../../src/harness/result/validate-result.js';

const entry = fileURLToPath(new URL('../../../bin/referral-bench.js', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'rb-smoke-run-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// End to end through the CLI, as `npm run bench` runs, on the scenario with the most moving
// parts: two datasets, two services (one with --no-referrals), every report file. About a minute.
it('runs integration-impact on the smoke profile end to end and writes a result that validates', async () => {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [entry, 'run', '--profile', 'smoke', '--scenario', 'integration-impact', '--out', out, '--quiet'],
      { env, timeout: 170_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      });
  });
  // 0 or 1: every target met or some missed; 2 and 3 would be a usage or infrastructure failure
  expect([0, 1], `exit ${code}\n${stderr}`).toContain(code);
  const dir = stdout.trim().split('\n').at(-1) ?? '';
  for (const file of ['result.json', 'summary.md', 'index.html', 'junit.xml']) expect(existsSync(join(dir, file)), file).toBe(true);

  const validation = validateResult(JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')));
  expect(validation.valid ? [] : validation.errors).toEqual([]);
  if (!validation.valid) return;
  const scenario = validation.result.scenarios.find((s) => s.name === 'integration-impact');
  expect(scenario?.state).toBe('completed');
  expect(scenario?.steps.map((s) => s.label).sort()).toEqual([
    'achievement-check:off', 'achievement-check:on', 'dashboard-analytics:off', 'dashboard-analytics:on',
    'ranking-calculation:off', 'ranking-calculation:on', 'student-profile:off', 'student-profile:on',
  ]);
  for (const step of scenario?.steps ?? []) expect(step.load?.requests.total, step.label).toBeGreaterThan(0);
  expect(validation.result.invariants?.state).toBe('passed');
}, 180_000);
