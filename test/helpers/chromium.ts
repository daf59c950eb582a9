/** Headless Chromium for the report-page tests: where it is, and what a page's charts drew. */
import { existsSync } from 'node:fs';

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
