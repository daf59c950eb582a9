import { expect, it } from 'vitest';
import { renderGateJunit } from '../../../src/harness/gate/gate-junit.renderer.js';
import { fixtureReport } from './gate-report-fixture.js';

it('marks an inconclusive metric skipped, not passed, and counts it', () => {
  const metrics = fixtureReport.decision!.metrics.map((metric) => ({ ...metric, verdict: 'inconclusive' as const }));
  const junit = renderGateJunit({
    ...fixtureReport,
    decision: { ...fixtureReport.decision!, verdict: 'inconclusive', metrics },
    outcome: { verdict: 'inconclusive', exitCode: 0, headline: 'INCONCLUSIVE: too few pairs' },
  });
  expect(junit.match(/<skipped message="inconclusive: /g)).toHaveLength(metrics.length);
  expect(junit).toMatch(new RegExp(`failures="0" errors="0" skipped="${metrics.length}"`));
});

it('fails a gate that failed with no decision and no guardrail to name', () => {
  const junit = renderGateJunit({
    ...fixtureReport,
    decision: undefined,
    guardrails: [],
    outcome: {
      verdict: 'failed',
      exitCode: 3,
      headline: 'FAILED: no pair completed, so there is nothing to decide on',
    },
  });
  expect(junit).toContain('<failure message="FAILED: no pair completed, so there is nothing to decide on">');
  expect(junit).toMatch(/tests="1" failures="1"/);
});
