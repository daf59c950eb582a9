import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readChartJsSource } from '../../../src/harness/report/chart-js-source.js';
import { renderHtml } from '../../../src/harness/report/html.renderer.js';
import { loadFixture } from './load-fixture.js';

const result = await loadFixture();
const chartJs = await readChartJsSource();

describe('index.html', () => {
  it('inlines Chart.js and loads nothing from elsewhere', async () => {
    const html = renderHtml(result, { chartJs });
    expect(chartJs).toMatch(/^\/\*!\n \* Chart\.js v4/);
    expect(html).toContain(chartJs);
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(await readFile(new URL('../../../node_modules/chart.js/dist/chart.umd.js', import.meta.url), 'utf8')).toBe(
      chartJs,
    );
  });

  it('escapes text from the result, even inside the embedded chart data', () => {
    const hostile = '</script><script>window.pwned=1</script>';
    const tampered = {
      ...result,
      scenarios: result.scenarios
        .map((scenario) => (scenario.name === 'open-model' ? { ...scenario, reason: hostile } : scenario))
        .map((scenario) =>
          scenario.name === 'concurrent-users'
            ? { ...scenario, steps: scenario.steps.map((step) => ({ ...step, label: `${step.label}${hostile}` })) }
            : scenario,
        ),
    };
    const html = renderHtml(tampered, { chartJs: '' });
    expect(html).not.toContain(hostile);
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;');
    expect(html).toContain('\\u003c/script>\\u003cscript>window.pwned=1\\u003c/script>');
  });
});
