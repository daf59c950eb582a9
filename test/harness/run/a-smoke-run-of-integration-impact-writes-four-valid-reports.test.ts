import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { validateResult } from '../../../src/harness/result/validate-result.js';
import { runCli } from '../cli/run-cli.js';

const out = mkdtempSync(join(tmpdir(), 'rb-smoke-run-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// End to end through the CLI, as `npm run bench` runs, on the scenario with the most moving
// parts: two datasets, two services (one with --no-referrals), every report file. About a minute.
it('runs integration-impact on the smoke profile end to end and writes a result that validates', async () => {
  const { code, stdout, stderr } = await runCli(['run', '--profile', 'smoke', '--scenario', 'integration-impact', '--out', out, '--quiet'], {}, 170_000);
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
