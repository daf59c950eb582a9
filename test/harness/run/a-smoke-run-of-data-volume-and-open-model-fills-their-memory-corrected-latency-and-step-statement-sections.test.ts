import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { validateResult } from '../../../src/harness/result/validate-result.js';
import { memoryCandidates } from '../../../src/harness/measure/memory-candidates.js';
import { correctedLatencyTitle } from '../../../src/harness/report/corrected-latency.js';
import { volumeRoutesLead } from '../../../src/harness/report/volume-routes.js';
import { scenario as dataVolume } from '../../../scenarios/data-volume.scenario.js';
import { runCli } from '../cli/run-cli.js';
import { chromiumAvailable, expectEveryChartPainted } from '../../helpers/chromium.js';

const out = mkdtempSync(join(tmpdir(), 'rb-smoke-volume-open-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// The two scenarios whose sections the integration-impact run has none of: data-volume (every
// reading of "memory usage" per size, every read route's p95 per size) and open-model (latency from the intended send beside the
// raw one, and its goal rows). End to end through the CLI on the smoke profile, with each step's
// own statements from pg_stat_statements. About a minute and a half.
it('runs data-volume and open-model on the smoke profile and fills their memory, corrected-latency and step-statement sections', async () => {
  const { code, stdout, stderr } = await runCli(
    [
      'run',
      '--profile',
      'smoke',
      '--scenario',
      'data-volume',
      'open-model',
      '--with-micro',
      '2',
      '--out',
      out,
      '--quiet',
    ],
    {},
    200_000,
  );
  expect([0, 1, 3], `exit ${code}\n${stderr}`).toContain(code);
  const dir = stdout.trim().split('\n').at(-1) ?? '';
  for (const file of ['result.json', 'summary.md', 'index.html', 'junit.xml'])
    expect(existsSync(join(dir, file)), file).toBe(true);
  const validation = validateResult(JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')));
  expect(validation.valid ? [] : validation.errors).toEqual([]);
  if (!validation.valid) return;
  const result = validation.result;
  if (code === 3) expect(result.generatorBottleneck.bottleneck, stderr).toBe(true);
  expect(result.scenarios.map((s) => [s.name, s.state])).toEqual([
    ['data-volume', 'completed'],
    ['open-model', 'completed'],
  ]);

  // Every step that loaded the service kept the statements it sent, the service's own among them.
  for (const scenario of result.scenarios) {
    for (const step of scenario.steps.filter((s) => s.load)) {
      expect(step.statements?.top.length, `${scenario.name}/${step.label}`).toBeGreaterThan(0);
      expect(
        step.statements?.top.some((s) => /referral/i.test(s.query)),
        `${scenario.name}/${step.label}`,
      ).toBe(true);
      expect(step.statements?.top.every((s) => !/pg_stat_/.test(s.query))).toBe(true);
    }
  }
  // Every reading of "memory usage" at the one smoke size.
  const volume = result.scenarios[0]?.steps[0];
  for (const candidate of memoryCandidates)
    expect(volume?.measurements[candidate.measurement], candidate.measurement).toBeGreaterThan(0);
  // Every read route the scenario declares was timed at the size, and the school it grew is named.
  const declared = dataVolume.journey.map((entry) => entry.route).sort();
  expect(Object.keys(volume?.load?.perRoute ?? {}).sort()).toEqual(declared);
  for (const measurement of ['schools', 'largestSchoolReferrals', 'largestSchoolStudents'])
    expect(volume?.measurements[measurement], measurement).toBeGreaterThan(0);
  // Latency from the intended send, and the goal rows judging it.
  const open = result.scenarios[1]?.steps ?? [];
  expect(open.length).toBeGreaterThan(0);
  for (const step of open)
    expect(step.load?.correctedLatency?.p95, step.label).toBeGreaterThanOrEqual(
      step.load?.latency.p95 ?? Number.POSITIVE_INFINITY,
    );
  const judgedGoals = result.targets.filter(
    (row) => row.kind === 'project-goal' && row.scenario === 'open-model' && row.verdict !== 'not-measured',
  );
  expect(judgedGoals.map((row) => row.step).sort()).toEqual(open.map((step) => step.label).sort());

  const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
  expect(summary).toContain(correctedLatencyTitle);
  expect(summary).toMatch(/every reading of it, per size[\s\S]*?\n\| 10k /);
  expect(summary).toMatch(
    /\| Step \| Statement time \| Its top statement \|[^\n]*\n\|[-|]+\n\| 10k \| [\d,.]+ ms \| `/,
  );
  expect(summary).toContain(volumeRoutesLead);
  for (const route of declared) expect(summary).toMatch(new RegExp(`\\n\\| ${route} \\| [\\d,.]+ ms \\| - \\|`));
  expect(summary).toMatch(/\n\| \*schools\* \| largest school [\d,]+ referrals, [\d,]+ students; \d+ schools \|/);
  expect(summary).toMatch(/### Micro-benchmarks\n[\s\S]*?\n\| [^|]+ \| [\d,.]+ \|/);

  if (!chromiumAvailable("the real page's charts")) return;
  await expectEveryChartPainted(
    join(dir, 'index.html'),
    ['chart-pool-data-volume', 'chart-memory-open-model'],
    async (page) => {
      expect(await page.locator('table.memory-readings tr').count()).toBeGreaterThan(1);
      expect(await page.locator('table.volume-routes tr').count()).toBe(declared.length + 2);
      expect(await page.locator(`h2:text-is("${correctedLatencyTitle}") + p + table tr`).count()).toBeGreaterThan(1);
      expect(await page.locator('table.generator td.query code').count()).toBeGreaterThan(1);
    },
  );
}, 240_000);
