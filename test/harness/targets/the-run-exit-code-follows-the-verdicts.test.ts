import { describe, expect, it } from 'vitest';
import { runOutcome } from '../../../src/harness/targets/run-outcome.js';
import type { RunResult } from '../../../src/harness/result/run-result.schema.js';
import type { TargetEvaluation } from '../../../src/harness/result/target-evaluation.schema.js';
import { scenario } from './run-builder.js';

const row = (verdict: TargetEvaluation['verdict']): TargetEvaluation => ({
  id: `x.${verdict}`,
  table: 'core',
  label: verdict,
  scenario: 'operations',
  step: 's',
  statistic: 'load.latency.p95',
  comparison: '<=',
  unit: 'ms',
  target: 1,
  specTarget: '< 1ms',
  specClaim: '1ms',
  verdict,
});
const healthy = {
  scenarios: [scenario('operations', [])],
  invariants: { state: 'passed', checked: [], violations: [] },
  generatorBottleneck: { bottleneck: false, reasons: [] },
} satisfies Partial<RunResult>;
const brokenInvariants = {
  ...healthy,
  invariants: { state: 'failed', checked: ['x'], violations: [{ invariant: 'x', count: 1, examples: [] }] },
} satisfies Partial<RunResult>;
const erroredScenario = {
  ...healthy,
  scenarios: [scenario('operations', [], { state: 'errored', reason: 'boom' })],
} satisfies Partial<RunResult>;
const everyScenarioSkipped = {
  ...healthy,
  scenarios: [scenario('operations', [], { state: 'skipped', reason: 'needs another dataset' })],
} satisfies Partial<RunResult>;
const oneScenarioSkipped = {
  ...healthy,
  scenarios: [
    scenario('operations', []),
    scenario('faults', [], { state: 'skipped', reason: 'needs a service of its own' }),
  ],
} satisfies Partial<RunResult>;

describe('the run verdict and exit code', () => {
  it.each([
    ['every row passed', healthy, ['pass', 'pass'], 'pass', 0],
    ['not-measured rows do not fail a run', healthy, ['pass', 'not-measured'], 'pass', 0],
    ['a warning still exits 0', healthy, ['pass', 'warn', 'not-measured'], 'warn', 0],
    ['one failed row exits 1', healthy, ['pass', 'warn', 'fail'], 'fail', 1],
    ['a broken invariant exits 1 even with every target met', brokenInvariants, ['pass'], 'fail', 1],
    ['an errored scenario makes the run untrustworthy: exit 3', erroredScenario, ['pass', 'not-measured'], 'error', 3],
    [
      'a run whose every scenario was skipped measured nothing: exit 3, never a pass',
      everyScenarioSkipped,
      ['not-measured'],
      'error',
      3,
    ],
    [
      'a skipped scenario beside one that ran is judged on what ran',
      oneScenarioSkipped,
      ['pass', 'not-measured'],
      'pass',
      0,
    ],
  ] as const)('%s', (_case, health, verdicts, verdict, exitCode) => {
    expect(runOutcome({ ...health, targets: verdicts.map(row) })).toEqual({ verdict, exitCode });
  });
});
