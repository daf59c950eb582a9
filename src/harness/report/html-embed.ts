/**
 * What a self-contained report page needs to embed safely: HTML escaping, JSON that cannot close
 * its <script> element, and the script that draws every embedded Chart.js configuration. Shared
 * by every page (index.html, history.html), so each draws its charts the same way.
 */

/** Text safe inside HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
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
