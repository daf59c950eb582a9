import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, inspectCanvases, openOffline, type CanvasInspection } from '../../helpers/chromium.js';
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
    const { page, problems, network, close } = await openOffline(paths.html);
    try {
      const charts = (await page.evaluate(inspectCanvases)) as CanvasInspection[];

      expect(problems).toEqual([]);
      expect(network).toEqual([]);
      expect(charts).toHaveLength(1);
      expect(charts[0]?.datasets).toEqual([
        '95% interval, lower',
        '95% interval',
        'estimate (ms)',
        'segment mean',
        'change point',
      ]);
      expect(charts[0]?.painted).toBeGreaterThan(5_000);
    } finally {
      await close();
    }
  });
});
