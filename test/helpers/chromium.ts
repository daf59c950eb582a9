/** Headless Chromium for the report-page tests: where it is, and what a page's charts drew. */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium, which .ci/run installs. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Whether the Chromium tests run: skipped, saying why, where Chromium is missing, except under
 * CI=true, where .ci/run installed it and a missing one must fail the test instead.
 */
export function chromiumAvailable(what: string): boolean {
  if (existsSync(chromiumPath) || process.env.CI === 'true') return true;
  process.stderr.write(`skipping ${what}: ${chromiumPath} is missing (apt-get install chromium)\n`);
  return false;
}

/** Runs in the page (a string: the tests' TypeScript has no DOM types): each canvas, its painted pixels, width and its Chart's dataset labels. */
export const inspectCanvases = `[...document.querySelectorAll('canvas')].map((canvas) => {
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let alpha = 3; alpha < pixels.length; alpha += 4) if (pixels[alpha] > 0) painted += 1;
  const chart = Chart.getChart(canvas);
  return { id: canvas.id, painted, width: canvas.width, datasets: chart ? chart.data.datasets.map((d) => d.label) : [] };
})`;

/** What inspectCanvases returns for one canvas. */
export interface CanvasInspection {
  readonly id: string;
  readonly painted: number;
  readonly width: number;
  readonly datasets: readonly string[];
}

/** A page of a headless Chromium that records console errors and warnings, page errors, and every request it refused to send off the machine. */
export interface OfflinePage {
  readonly page: Page;
  readonly problems: string[];
  readonly network: string[];
  close(): Promise<void>;
}

/** Opens `file` offline: any request other than a file: one is aborted and listed. */
export async function openOffline(file: string): Promise<OfflinePage> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const network: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      network.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, problems, network, close: () => browser.close() };
  } catch (error: unknown) {
    await browser.close();
    throw error;
  }
}

/**
 * Opens a report page offline and checks what every real-run page must show: nothing logged or
 * fetched, every chart painted, the `expected` ones among them; then `more` checks the page's own sections.
 */
export async function expectEveryChartPainted(
  file: string,
  expected: readonly string[],
  more: (page: Page) => Promise<void> = async () => undefined,
): Promise<void> {
  const { page, problems, network, close } = await openOffline(file);
  try {
    const charts = (await page.evaluate(inspectCanvases)) as CanvasInspection[];
    expect(problems).toEqual([]);
    expect(network).toEqual([]);
    expect(charts.map((chart) => chart.id)).toEqual(expect.arrayContaining([...expected]));
    for (const chart of charts) expect(chart.painted, chart.id).toBeGreaterThan(5_000);
    await more(page);
  } finally {
    await close();
  }
}
