import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/harness/report/html.renderer.js';
import { renderSummary } from '../../../src/harness/report/summary.renderer.js';
import { judgeRun } from '../../../src/harness/targets/judge-run.js';
import { loadFixture } from './load-fixture.js';

const stored = await loadFixture();
const {
  targets: _targets,
  generatorBottleneck: _generator,
  verdict: _verdict,
  exitCode: _exitCode,
  ...measured
} = stored;
const result = judgeRun({
  ...measured,
  scenarios: measured.scenarios.map((scenario) => {
    if (scenario.name === 'operations')
      return { ...scenario, state: 'errored' as const, reason: 'service exited with code 1', steps: [] };
    if (scenario.name !== 'concurrent-users') return scenario;
    return {
      ...scenario,
      steps: scenario.steps.map((step) =>
        step.load
          ? {
              ...step,
              load: {
                ...step.load,
                generator: { ...step.load.generator, bottleneck: true, reasons: ['generator CPU at 100%'] },
              },
            }
          : step,
      ),
    };
  }),
});

describe('a run that cannot be trusted', () => {
  it('is an error run, exit 3', () => {
    expect(result).toMatchObject({ verdict: 'error', exitCode: 3 });
  });

  it('says why right under the verdict in summary.md', () => {
    const lines = renderSummary(result).split('\n');
    expect(lines[0]).toBe('## 🛑 ERROR: this run cannot be trusted');
    const reasons = lines.slice(0, 16).filter((line) => line.startsWith('> '));
    expect(reasons).toEqual([
      '> **The load generator was the bottleneck (its figures describe the generator, not the service): concurrent-users/100 users: generator CPU at 100%**',
      '> **The load generator was the bottleneck (its figures describe the generator, not the service): concurrent-users/500 users: generator CPU at 100%**',
      '> **The load generator was the bottleneck (its figures describe the generator, not the service): concurrent-users/1000 users: generator CPU at 100%**',
      '> **Scenario operations errored: service exited with code 1**',
    ]);
  });

  it('says why before the charts in index.html', () => {
    const html = renderHtml(result, { chartJs: '' });
    const charts = html.indexOf('<h2>Charts</h2>');
    expect(html.indexOf('Scenario operations errored: service exited with code 1')).toBeGreaterThan(0);
    expect(html.indexOf('Scenario operations errored: service exited with code 1')).toBeLessThan(charts);
    expect(html.indexOf('concurrent-users/100 users: generator CPU at 100%')).toBeLessThan(charts);
    expect(html).toContain('<header class="banner error">');
  });
});
