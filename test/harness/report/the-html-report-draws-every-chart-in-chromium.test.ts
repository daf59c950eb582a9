import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, chromiumPath, inspectCanvases, type CanvasInspection } from '../../helpers/chromium.js';
import { writeReports } from '../../../src/harness/report/write-reports.js';
import { chartSections } from '../../../src/harness/report/html-charts.js';
import { loadFixture } from './load-fixture.js';

const available = chromiumAvailable('the Chromium report test');

const outDir = await mkdtemp(join(tmpdir(), 'rb-html-'));
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe.skipIf(!available)('index.html in headless Chromium', () => {
  it('opens offline without console errors and draws every chart; writes test-results/report.png', async () => {
    const result = await loadFixture();
    const { dir } = await writeReports(result, outDir);
    const expectedCharts = chartSections(result).flatMap((section) => section.charts.map((chart) => chart.id));
    expect(expectedCharts.length).toBeGreaterThanOrEqual(7);

    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      const network: string[] = [];
      page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`); });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        network.push(url);
        return route.abort();
      });
      await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });

      const charts = await page.evaluate(inspectCanvases) as CanvasInspection[];
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
      expect(await page.locator('header.banner h1').textContent()).toBe('FAIL: some targets missed');
    } finally {
      await browser.close();
    }
  });
});
