import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, chromiumPath, inspectCanvases, type CanvasInspection } from '../../helpers/chromium.js';
import { analyzeHistory } from '../../../src/harness/history/analyze-history.js';
import { writeHistoryReports } from '../../../src/harness/history/write-history-reports.js';
import { shiftedHistory } from './synthetic-results.js';

const available = chromiumAvailable('the Chromium history test');

const outDir = await mkdtemp(join(tmpdir(), 'rb-history-html-'));
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe.skipIf(!available)('history.html in headless Chromium', () => {
  it('opens offline without console errors and draws one chart with its band and change marker per changed figure', async () => {
    const runs = shiftedHistory(24, 12).map((result) => ({ file: `${result.runId}/result.json`, result }));
    const paths = await writeHistoryReports(analyzeHistory({ runs, refused: [], duplicates: [] }), outDir);
    const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      const network: string[] = [];
      page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`); });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      await page.route('**/*', (route) => {
        if (route.request().url().startsWith('file:')) return route.continue();
        network.push(route.request().url());
        return route.abort();
      });
      await page.goto(pathToFileURL(paths.html).href, { waitUntil: 'load' });
      const charts = await page.evaluate(inspectCanvases) as CanvasInspection[];

      expect(problems).toEqual([]);
      expect(network).toEqual([]);
      expect(charts).toHaveLength(1);
      expect(charts[0]?.datasets).toEqual(['95% interval, lower', '95% interval', 'estimate (ms)', 'segment mean', 'change point']);
      expect(charts[0]?.painted).toBeGreaterThan(5_000);
    } finally {
      await browser.close();
    }
  });
});
