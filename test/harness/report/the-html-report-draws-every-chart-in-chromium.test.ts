import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReports } from '../../../src/harness/report/write-reports.js';
import { chartSections } from '../../../src/harness/report/html-charts.js';
import { loadFixture } from './load-fixture.js';

const executablePath = '/usr/bin/chromium';
const available = existsSync(executablePath);
if (!available) process.stderr.write(`skipping the Chromium report test: ${executablePath} is missing (apt-get install chromium)\n`);

/** Runs in the page (a string, since the test's TypeScript has no DOM types): each canvas, its painted pixels and its Chart. */
const inspectCanvases = `[...document.querySelectorAll('canvas')].map((canvas) => {
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let alpha = 3; alpha < pixels.length; alpha += 4) if (pixels[alpha] > 0) painted += 1;
  const chart = Chart.getChart(canvas);
  return { id: canvas.id, painted, datasets: chart ? chart.data.datasets.length : 0, width: canvas.width };
})`;

const outDir = await mkdtemp(join(tmpdir(), 'rb-html-'));
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe.skipIf(!available)('index.html in headless Chromium', () => {
  it('opens offline without console errors and draws every chart; writes test-results/report.png', async () => {
    const result = await loadFixture();
    const { dir } = await writeReports(result, outDir);
    const expectedCharts = chartSections(result).flatMap((section) => section.charts.map((chart) => chart.id));
    expect(expectedCharts.length).toBeGreaterThanOrEqual(7);

    const browser = await chromium.launch({
      executablePath,
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

      const charts = await page.evaluate(inspectCanvases) as { id: string; painted: number; datasets: number; width: number }[];
      await mkdir('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/report.png', fullPage: true });

      expect(problems).toEqual([]);
      expect(network).toEqual([]);
      expect(charts.map((chart) => chart.id)).toEqual(expectedCharts);
      for (const chart of charts) {
        expect(chart.datasets, chart.id).toBeGreaterThan(0);
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
