import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/harness/report/html.renderer.js';
import { renderSummary } from '../../../src/harness/report/summary.renderer.js';
import type { RunResult } from '../../../src/harness/result/run-result.schema.js';
import { loadFixture } from './load-fixture.js';

const result = await loadFixture();

/** The fixture with the 300 rps step's arrival counts dropped, as a result from before they were kept. */
function withoutArrivals(): RunResult {
  return {
    ...result,
    scenarios: result.scenarios.map((scenario) =>
      scenario.name !== 'open-model'
        ? scenario
        : {
            ...scenario,
            steps: scenario.steps.map((step) => {
              if (step.label !== '300 rps' || step.load === undefined) return step;
              const { arrivals: _arrivals, ...generator } = step.load.generator;
              return { ...step, load: { ...step.load, generator } };
            }),
          },
    ),
  };
}

describe("the open model's latency from the intended send", () => {
  it('sits beside the raw latency, percentile by percentile, in summary.md, with the late and unsent arrivals', () => {
    const summary = renderSummary(result);
    expect(summary).toContain(
      '| Step | Rate, asked → achieved | p50 raw | p50 corrected | p95 raw | p95 corrected | p99 raw | p99 corrected | Late sends | Not sent |',
    );
    expect(summary).toContain(
      '| open-model / 100 rps | 100 → 99.6 req/s | 36.9 ms | 44.3 ms | 96 ms | 182 ms | 130 ms | 285 ms | 3 of 1,500 | 0 |',
    );
    expect(summary).toContain(
      '| open-model / 300 rps | 300 → 286 req/s | 106 ms | 127 ms | 402 ms | 764 ms | 543 ms | 1,194 ms | 912 of 4,290 | 210 |',
    );
    expect(summary).toContain('Late sends: left more than 1 ms after their intended time');
  });

  it('sits beside the raw latency in index.html too', () => {
    const html = renderHtml(result, { chartJs: '' });
    expect(html).toContain('<h2>Latency from the intended send (coordinated omission)</h2>');
    expect(html).toContain(
      '<td>open-model / 300 rps</td><td>300 → 286 req/s</td><td class="num">106 ms</td><td class="num">127 ms</td>' +
        '<td class="num">402 ms</td><td class="num">764 ms</td><td class="num">543 ms</td><td class="num">1,194 ms</td><td class="num">912 of 4,290</td><td class="num">210</td>',
    );
  });

  it('shows a dash, not a zero, where a result did not keep the arrival counts', () => {
    expect(renderSummary(withoutArrivals())).toContain(
      '| open-model / 300 rps | 300 → 286 req/s | 106 ms | 127 ms | 402 ms | 764 ms | 543 ms | 1,194 ms | - | - |',
    );
  });
});
