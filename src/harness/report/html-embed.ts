/**
 * What a self-contained report page needs to embed safely: HTML escaping, JSON that cannot close
 * its <script> element, and the script that draws every embedded Chart.js configuration. Shared
 * by every page (index.html, history.html), so each draws its charts the same way.
 */

/** Text safe inside HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** What a chart needs on the page: where it goes, and the words around it. */
export interface ChartPlace {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
}

/** The charts' figures, two a row (one alone takes the width); the page script draws into their canvases. */
export function chartGrid(charts: readonly ChartPlace[]): string {
  return `<div class="charts${charts.length === 1 ? ' single' : ''}">${charts.map((chart) => `<figure><h3>${escapeHtml(chart.title)}</h3><figcaption>${escapeHtml(chart.caption)}</figcaption><div class="chart-box"><canvas id="${escapeHtml(chart.id)}" role="img" aria-label="${escapeHtml(chart.title)}"></canvas></div></figure>`).join('')}</div>`;
}

/** JSON safe inside a <script> element: no '<' can close it early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}

/** The id of the <script type="application/json"> element holding the charts ({id, config}[]) that {@link chartPageScript} draws. */
export const chartDataElementId = 'report-data';

/**
 * Draws each chart from the embedded configurations, unchanged; no animation, so print and
 * screenshots see final pixels. Runs after the inlined Chart.js bundle.
 */
export const chartPageScript = `
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
for (const chart of JSON.parse(document.getElementById('${chartDataElementId}').textContent)) {
  new Chart(document.getElementById(chart.id), chart.config);
}
`;
