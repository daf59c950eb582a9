/** junit.xml: one test case per row (spec figure or project goal), grouped by table; 'fail' is a failure, 'not-measured' and 'inconclusive' are skipped. */
import type { RunResult } from '../result/run-result.schema.js';
import type { TargetEvaluation } from '../result/target-evaluation.schema.js';
import { formatBound, formatMeasured, formatSource } from './format.js';
import { tablesOf } from './run-overview.js';

export function renderJunit(result: RunResult): string {
  const suites = tablesOf(result.targets).map((table) => {
    const failures = table.rows.filter((row) => row.verdict === 'fail').length;
    const skipped = table.rows.filter((row) => row.verdict === 'not-measured' || row.verdict === 'inconclusive').length;
    return [
      `  <testsuite name="${xml(table.title)}" tests="${table.rows.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
      ...table.rows.map(testCase),
      '  </testsuite>',
    ].join('\n');
  });
  const failures = result.targets.filter((row) => row.verdict === 'fail').length;
  const skipped = result.targets.filter(
    (row) => row.verdict === 'not-measured' || row.verdict === 'inconclusive',
  ).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="referral-bench ${xml(result.runId)}" tests="${result.targets.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function testCase(row: TargetEvaluation): string {
  const goal = row.kind === 'project-goal';
  const open = `    <testcase classname="${goal ? 'goal' : 'spec'}.${xml(row.table)}" name="${xml(row.label)}">`;
  const figure = `measured ${formatMeasured(row)}, target ${formatBound(row)}, ${goal ? 'a project goal, not a spec figure' : `spec claims ${row.specClaim}`} (${formatSource(row)})`;
  if (row.verdict === 'fail') {
    return `${open}\n      <failure message="${xml(row.reason ?? `missed: ${figure}`)}">${xml(figure)}</failure>\n    </testcase>`;
  }
  if (row.verdict === 'not-measured')
    return `${open}\n      <skipped message="${xml(row.reason ?? 'not measured')}"/>\n    </testcase>`;
  // JUnit has no undecided outcome: skipped keeps the row visible in CI without failing the build.
  if (row.verdict === 'inconclusive')
    return `${open}\n      <skipped message="${xml(`inconclusive: ${row.reason ?? 'the interval contains the target'}; ${figure}`)}"/>\n    </testcase>`;
  const note = row.verdict === 'warn' ? `warning: past the warning level; ${figure}` : figure;
  return `${open}\n      <system-out>${xml(note)}</system-out>\n    </testcase>`;
}

function xml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}
