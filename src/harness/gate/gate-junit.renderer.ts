/** junit.xml of a gate: one test case per gated metric (a failure on regression), and one per tripped guardrail. */
import type { MetricDecision } from './decide-pairs.js';
import type { GateReport } from './gate-report.js';
import { xmlText as xml } from '../report/xml-text.js';

const pct = (value: number): string => (Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(1)}%` : '-');

function metricCase(metric: MetricDecision): string {
  const open = `    <testcase classname="gate.${xml(metric.id.split(' ')[0] ?? metric.id)}" name="${xml(metric.id)}">`;
  const interval =
    metric.lowerPct === undefined || metric.upperPct === undefined
      ? 'no interval under 6 pairs'
      : `95% interval ${pct(metric.lowerPct)} to ${pct(metric.upperPct)}`;
  const figure =
    `change ${pct(metric.changePct)} (positive is worse; ${interval}) over ${metric.pairs} pairs; ` +
    `adjusted p regression ${metric.adjustedPRegression.toPrecision(3)}, p no regression ${metric.adjustedPNoRegression.toPrecision(3)}; verdict ${metric.verdict}`;
  if (metric.verdict === 'regression')
    return `${open}\n      <failure message="${xml(`regression: ${metric.id} ${pct(metric.changePct)}`)}">${xml(figure)}</failure>\n    </testcase>`;
  // JUnit has no undecided outcome: skipped keeps it visible in CI without failing the build.
  if (metric.verdict === 'inconclusive')
    return `${open}\n      <skipped message="${xml(`inconclusive: ${figure}`)}"/>\n    </testcase>`;
  return `${open}\n      <system-out>${xml(figure)}</system-out>\n    </testcase>`;
}

export function renderGateJunit(report: GateReport): string {
  const metrics = report.decision?.metrics ?? [];
  const cases = [
    ...metrics.map(metricCase),
    ...report.guardrails.map(
      (guardrail) =>
        `    <testcase classname="gate.guardrails" name="${xml(guardrail.kind)}">\n` +
        `      <failure message="${xml(guardrail.message)}">${xml(`exit ${guardrail.exitCode}: ${guardrail.message}`)}</failure>\n    </testcase>`,
    ),
  ];
  // A gate that failed with no guardrail to name (no pair completed) still fails its file.
  const unexplained = report.outcome.verdict === 'failed' && report.guardrails.length === 0;
  if (unexplained)
    cases.push(
      `    <testcase classname="gate.outcome" name="gate">\n      <failure message="${xml(report.outcome.headline)}">${xml(`exit ${report.outcome.exitCode}: ${report.outcome.headline}`)}</failure>\n    </testcase>`,
    );
  const failures =
    metrics.filter((metric) => metric.verdict === 'regression').length +
    report.guardrails.length +
    (unexplained ? 1 : 0);
  const skipped = metrics.filter((metric) => metric.verdict === 'inconclusive').length;
  const suite = `referral-bench gate ${report.base.commit.slice(0, 12)}..${report.head.commit.slice(0, 12)}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(suite)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    `  <testsuite name="${xml(suite)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${report.wallSeconds}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
