/**
 * junit.xml: one test case per row (spec figure or project goal), grouped by table; 'fail' is a
 * failure, 'not-measured' and 'inconclusive' are skipped. The run's other ways to fail have suites
 * of their own: the invariants (one case, a failure per broken one) and each fault's goal.
 */
import type { FaultOutcome, RunResult } from '../result/run-result.schema.js';
import { faultLine } from './reliability-lines.js';
import type { TargetEvaluation } from '../result/target-evaluation.schema.js';
import { formatBound, formatMeasured, formatSource } from './format.js';
import { tablesOf } from './run-overview.js';
import { xmlText as xml } from './xml-text.js';

interface Case {
  readonly xml: string;
  readonly outcome: 'passed' | 'failed' | 'skipped';
}

function suite(name: string, cases: readonly Case[]): string {
  const failures = cases.filter((c) => c.outcome === 'failed').length;
  const skipped = cases.filter((c) => c.outcome === 'skipped').length;
  return [
    `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...cases.map((c) => c.xml),
    '  </testsuite>',
  ].join('\n');
}

export function renderJunit(result: RunResult): string {
  const suites: { name: string; cases: Case[] }[] = tablesOf(result.targets).map((table) => ({
    name: table.title,
    cases: table.rows.map((row): Case => ({
      xml: testCase(row),
      outcome:
        row.verdict === 'fail'
          ? 'failed'
          : row.verdict === 'not-measured' || row.verdict === 'inconclusive'
            ? 'skipped'
            : 'passed',
    })),
  }));
  if (result.invariants) suites.push({ name: 'Invariants', cases: [invariantsCase(result.invariants)] });
  const faults = result.scenarios.flatMap((scenario) => scenario.faults ?? []);
  if (faults.length > 0) suites.push({ name: 'Faults under load', cases: faults.map(faultCase) });
  const all = suites.flatMap((s) => s.cases);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="referral-bench ${xml(result.runId)}" tests="${all.length}" failures="${all.filter((c) => c.outcome === 'failed').length}" errors="0" skipped="${all.filter((c) => c.outcome === 'skipped').length}">`,
    ...suites.map((s) => suite(s.name, s.cases)),
    '</testsuites>',
    '',
  ].join('\n');
}

function invariantsCase(report: NonNullable<RunResult['invariants']>): Case {
  const open = `    <testcase classname="run.invariants" name="${xml(`${report.checked.length} invariants hold`)}">`;
  if (report.state === 'passed')
    return {
      xml: `${open}\n      <system-out>${xml(report.checked.join(', '))}</system-out>\n    </testcase>`,
      outcome: 'passed',
    };
  const broken = report.violations.map((v) => `${v.invariant} (${v.count} rows)`).join('; ');
  return {
    xml: `${open}\n      <failure message="${xml(`broken: ${broken || 'see the report'}`)}">${xml(broken)}</failure>\n    </testcase>`,
    outcome: 'failed',
  };
}

function faultCase(fault: FaultOutcome): Case {
  const open = `    <testcase classname="run.faults" name="${xml(fault.name)}">`;
  const line = faultLine(fault);
  if (fault.met === false)
    return {
      xml: `${open}\n      <failure message="${xml(`goal not met: ${fault.goal}`)}">${xml(line)}</failure>\n    </testcase>`,
      outcome: 'failed',
    };
  if (fault.met === undefined)
    return { xml: `${open}\n      <skipped message="${xml(line)}"/>\n    </testcase>`, outcome: 'skipped' };
  return { xml: `${open}\n      <system-out>${xml(line)}</system-out>\n    </testcase>`, outcome: 'passed' };
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
