import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, inspectCanvases, openOffline, type CanvasInspection } from '../../helpers/chromium.js';
import { writeReports } from '../../../src/harness/report/write-reports.js';
import { chartSections } from '../../../src/harness/report/html-charts.js';
import { scenarioSections } from '../../../src/harness/report/html-scenario-sections.js';
import { loadFixture } from './load-fixture.js';

const available = chromiumAvailable('the Chromium report test');

const outDir = await mkdtemp(join(tmpdir(), 'rb-html-'));
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe.skipIf(!available)('index.html in headless Chromium', () => {
  it('opens offline without console errors and draws every chart; writes test-results/report.png', async () => {
    const result = await loadFixture();
    const { dir } = await writeReports(result, outDir);
    const serverCharts = scenarioSections(result).charts.map((chart) => chart.id);
    const expectedCharts = [
      ...chartSections(result).flatMap((section) => section.charts.map((chart) => chart.id)),
      ...serverCharts,
    ];
    expect(expectedCharts.length).toBeGreaterThanOrEqual(13);
    // Each scenario with a server sample draws its pool and caches on the latency chart's axis, and its memory.
    for (const scenario of ['concurrent-users', 'operations']) {
      expect(serverCharts).toEqual(
        expect.arrayContaining([`chart-pool-${scenario}`, `chart-caches-${scenario}`, `chart-memory-${scenario}`]),
      );
    }

    const { page, problems, network, close } = await openOffline(join(dir, 'index.html'));
    try {
      const charts = (await page.evaluate(inspectCanvases)) as CanvasInspection[];
      await mkdir('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/report.png', fullPage: true });

      expect(problems).toEqual([]);
      expect(network).toEqual([]);
      expect(charts.map((chart) => chart.id)).toEqual(expectedCharts);
      for (const chart of charts) {
        expect(chart.datasets.length, chart.id).toBeGreaterThan(0);
        expect(chart.width, chart.id).toBeGreaterThan(0);
        // A drawn chart paints axes, labels and bars: far more than a few stray pixels.
        expect(chart.painted, chart.id).toBeGreaterThan(5_000);
      }
      expect(await page.locator('header.banner h1').textContent()).toBe('FAIL: 9 targets missed');
    } finally {
      await close();
    }
  });
});
