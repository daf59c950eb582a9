import { expect, it } from 'vitest';
import { renderHtml } from '../../../src/harness/report/html.renderer.js';
import { renderJunit } from '../../../src/harness/report/junit.renderer.js';
import { renderSummary } from '../../../src/harness/report/summary.renderer.js';
import { runOutcome } from '../../../src/harness/targets/run-outcome.js';
import { loadFixture } from './load-fixture.js';

// A broken invariant fails a run whose every target passed: each report says that, not "some
// targets missed", and the JUnit file fails as the run's exit code does.
it('names the broken invariant in the headline, the page and a JUnit failure', async () => {
  const fixture = await loadFixture();
  const base = {
    ...fixture,
    targets: fixture.targets.filter((row) => row.verdict !== 'fail'),
    invariants: {
      state: 'failed' as const,
      checked: ['points match the ledger'],
      violations: [{ invariant: 'points match the ledger', count: 2, examples: [] }],
    },
  };
  const result = { ...base, ...runOutcome(base) };
  expect(result.verdict).toBe('fail');

  expect(renderSummary(result).split('\n')[0]).toBe('## ❌ FAIL: 1 invariant broken');
  const html = renderHtml(result, { chartJs: '' });
  expect(html).toContain('<h1>FAIL: 1 invariant broken</h1>');
  expect(html).not.toContain('missed 0 of the performance targets');
  const junit = renderJunit(result);
  expect(junit).toMatch(/<testsuites name="[^"]+" tests="\d+" failures="1" /);
  expect(junit).toContain('<failure message="broken: points match the ledger (2 rows)">');
});
