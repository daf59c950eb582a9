import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { validateResult } from '../../../src/harness/result/validate-result.js';
import { runCli } from '../cli/run-cli.js';
import { chromiumAvailable, expectEveryChartPainted } from '../../helpers/chromium.js';

const out = mkdtempSync(join(tmpdir(), 'rb-smoke-run-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// End to end through the CLI, as `npm run bench` runs, on the scenario with the most moving
// parts: two datasets, two services (one with --no-referrals), every report file, with the
// micro-benchmarks at a 3 s budget. The reports of this real result must fill every section they
// have for it, and its page must draw every chart. About a minute and a half.
it('runs integration-impact on the smoke profile with --with-micro and writes valid reports whose every section has content', async () => {
  const { code, stdout, stderr } = await runCli(
    ['run', '--profile', 'smoke', '--scenario', 'integration-impact', '--with-micro', '3', '--out', out, '--quiet'],
    {},
    200_000,
  );
  // 0 or 1: every target met or some missed; 3 only as the run's honest word that a busy machine
  // left its load generator short (checked below), never for a failure; 2 would be a usage error.
  expect([0, 1, 3], `exit ${code}\n${stderr}`).toContain(code);
  const dir = stdout.trim().split('\n').at(-1) ?? '';
  for (const file of ['result.json', 'summary.md', 'index.html', 'junit.xml'])
    expect(existsSync(join(dir, file)), file).toBe(true);

  const validation = validateResult(JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')));
  expect(validation.valid ? [] : validation.errors).toEqual([]);
  if (!validation.valid) return;
  if (code === 3) expect(validation.result.generatorBottleneck.bottleneck, stderr).toBe(true);
  expect(validation.result.scenarios.filter((s) => s.state === 'errored')).toEqual([]);
  const scenario = validation.result.scenarios.find((s) => s.name === 'integration-impact');
  expect(scenario?.state).toBe('completed');
  expect(scenario?.steps.map((s) => s.label).sort()).toEqual([
    'achievement-check:off',
    'achievement-check:on',
    'dashboard-analytics:off',
    'dashboard-analytics:on',
    'ranking-calculation:off',
    'ranking-calculation:on',
    'student-profile:off',
    'student-profile:on',
  ]);
  for (const step of scenario?.steps ?? []) {
    expect(step.load?.requests.total, step.label).toBeGreaterThan(0);
    // The step's own statements: its side of the comparison, never the other service's.
    expect(step.statements?.top.length, step.label).toBeGreaterThan(0);
  }
  expect(validation.result.invariants?.state).toBe('passed');

  const micro = validation.result.micro;
  expect(micro?.tasks.length).toBeGreaterThan(0);
  for (const task of micro?.tasks ?? []) expect(task.opsPerSecond, task.name).toBeGreaterThan(0);
  const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
  expect(summary).toMatch(/### Micro-benchmarks\n[\s\S]*?\n\| [^|]+ \| [\d,.]+ \|/);
  expect(summary).toMatch(
    /<details><summary>Server side: integration-impact \(pool \d+ in use, \d+ waiting at most, buffer hits [\d.]+%\)<\/summary>\n[\s\S]*?\| `/,
  );
  expect(summary).toMatch(/Integration Impact/);

  if (!chromiumAvailable("the real page's charts")) return;
  await expectEveryChartPainted(
    join(dir, 'index.html'),
    ['chart-pool-integration-impact', 'chart-memory-integration-impact'],
    async (page) => {
      expect(await page.locator('text=Micro-benchmarks').count()).toBeGreaterThan(0);
    },
  );
}, 240_000);
