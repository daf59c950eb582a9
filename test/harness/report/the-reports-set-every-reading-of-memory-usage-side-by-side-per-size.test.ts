import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/harness/report/html.renderer.js';
import { renderSummary } from '../../../src/harness/report/summary.renderer.js';
import type { RunResult } from '../../../src/harness/result/run-result.schema.js';
import { loadFixture } from './load-fixture.js';

/** The fixture as a server without pg_buffercache would have measured it. */
function withoutBufferCache(result: RunResult): RunResult {
  return {
    ...result,
    scenarios: result.scenarios.map((scenario) =>
      scenario.name !== 'data-volume'
        ? scenario
        : {
            ...scenario,
            steps: scenario.steps.map((step) => {
              const { datasetCachedBytes: _cached, ...measurements } = step.measurements;
              return { ...step, measurements };
            }),
          },
    ),
  };
}

describe('the reports of a data-volume run', () => {
  it('put every reading of memory usage per size in a Markdown table, the judged one marked, with the idle server', async () => {
    const summary = renderSummary(await loadFixture());
    expect(summary).toContain(
      "| Size | Spec's figure | PostgreSQL PSS | **PostgreSQL growth over idle (judged)** | Tables + indexes | Dataset in shared buffers | Service RSS |",
    );
    expect(summary).toContain('| 10k | 45MB | 77 MB | 27.8 MB | 10.3 MB | 10.3 MB | 133 MB |');
    expect(summary).toContain('| 50k | 89MB | 142 MB | 92.9 MB | 51.6 MB | 51.6 MB | 135 MB |');
    expect(summary).toContain(
      'Idle PostgreSQL, read once right after the server started, before any dataset: 49.2 MB.',
    );
    // after the spec's data-volume table, before the next one
    expect(summary.indexOf('| 10k | 45MB |')).toBeGreaterThan(summary.indexOf('### Data Volume Testing'));
    expect(summary.indexOf('| 10k | 45MB |')).toBeLessThan(summary.indexOf('### Referral Operations'));
  });

  it('put the same in an HTML table, each column explained', async () => {
    const html = renderHtml(await loadFixture(), { chartJs: '' });
    expect(html).toContain('<table class="memory-readings">');
    expect(html).toMatch(
      /<th title="that peak less the PSS of the same server idle[^"]*" class="judged">PostgreSQL growth over idle \(judged\)<\/th>/,
    );
    expect(html).toContain(
      '<tr><td>10k</td><td>45MB</td><td class="num">77 MB</td><td class="num judged">27.8 MB</td><td class="num">10.3 MB</td><td class="num">10.3 MB</td><td class="num">133 MB</td></tr>',
    );
  });

  it('say a reading was not measured, and why, instead of leaving it out', async () => {
    const result = withoutBufferCache(await loadFixture());
    const summary = renderSummary(result);
    expect(summary).toContain('| 10k | 45MB | 77 MB | 27.8 MB | 10.3 MB | - | 133 MB |');
    expect(summary).toContain(
      'Dataset in shared buffers: not measured where the pg_buffercache extension could not be installed on the server.',
    );
    expect(renderHtml(result, { chartJs: '' })).toContain('pg_buffercache extension could not be installed');
  });

  it('mark the whole PSS as judged in a stored result whose rows were judged on it', async () => {
    const result = await loadFixture();
    const older = {
      ...result,
      targets: result.targets.map((row) =>
        row.id.endsWith('.memory') ? { ...row, statistic: 'measurements.postgresMemoryBytes' } : row,
      ),
    };
    expect(renderSummary(older)).toContain(
      "| Size | Spec's figure | **PostgreSQL PSS (judged)** | PostgreSQL growth over idle | ",
    );
  });
});
