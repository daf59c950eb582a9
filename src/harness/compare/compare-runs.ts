/**
 * Two stored runs side by side, as plain JSON: each row's figures in both, the change between
 * them, the conditions that differ and, where both runs carry repetitions of a figure, the offline
 * gate's statistics on them (compareResults, the code behind `gate <baseline> <candidate>`).
 * Descriptive only: two runs of different hours are no A/B test, whatever the figures say.
 */
import type { RunResult } from '../result/run-result.schema.js';
import type { TargetEvaluation } from '../result/target-evaluation.schema.js';
import type { GateDecision, MetricDecision } from '../gate/decide-pairs.js';
import { compareResults } from '../gate/compare-results.js';
import { runConditions, type RunCondition } from '../report/run-conditions.js';
import { round } from '../targets/judge-figure.js';

/** What names one run in a comparison. */
export interface ComparedRun {
  readonly runId: string;
  readonly startedAt: string;
  readonly profile: RunResult['profile'];
  readonly verdict: RunResult['verdict'];
  readonly repetitions: number;
}

/** One row in both runs; a row only one run has (an older one, say) has the other side absent. */
export interface ComparedRow {
  readonly id: string;
  readonly a?: TargetEvaluation;
  readonly b?: TargetEvaluation;
  /** B's estimate against A's: percent of A's, or percentage points for a figure in percent. Absent when either is unmeasured or A's is 0. */
  readonly change?: { readonly value: number; readonly unit: '%' | 'pts' };
  /** The offline gate's decision on the two runs' repetitions of this figure (change positive when B is worse). */
  readonly gate?: MetricDecision;
}

/** A condition whose value differs between the runs ('absent' where one run has no such condition). */
export interface ConditionDifference {
  readonly label: string;
  readonly a: string;
  readonly b: string;
}

export interface RunComparison {
  readonly a: ComparedRun;
  readonly b: ComparedRun;
  readonly differences: readonly ConditionDifference[];
  readonly rows: readonly ComparedRow[];
  /** The gate's decision over every figure both runs carry repetitions of; absent when there is none. */
  readonly gate?: Pick<GateDecision, 'verdict' | 'marginPct' | 'alpha'> & { readonly figures: number };
}

const describeRun = (result: RunResult): ComparedRun => ({
  runId: result.runId,
  startedAt: result.startedAt,
  profile: result.profile,
  verdict: result.verdict,
  repetitions: result.repetitions,
});

export function compareRuns(a: RunResult, b: RunResult): RunComparison {
  const decision = compareResults(a, b).decision;
  const decided = new Map((decision?.metrics ?? []).map((metric) => [metric.id, metric]));
  const ids = [...new Set([...a.targets.map((row) => row.id), ...b.targets.map((row) => row.id)])];
  const rows = ids.map((id): ComparedRow => {
    const before = a.targets.find((row) => row.id === id);
    const after = b.targets.find((row) => row.id === id);
    const change = changeOf(before, after);
    const gate = decided.get(id);
    return {
      id,
      ...(before && { a: before }),
      ...(after && { b: after }),
      ...(change && { change }),
      ...(gate && { gate }),
    };
  });
  return {
    a: describeRun(a),
    b: describeRun(b),
    differences: conditionDifferences(runConditions(a), runConditions(b)),
    rows,
    ...(decision && {
      gate: {
        verdict: decision.verdict,
        marginPct: decision.marginPct,
        alpha: decision.alpha,
        figures: decision.metrics.length,
      },
    }),
  };
}

function changeOf(a: TargetEvaluation | undefined, b: TargetEvaluation | undefined): ComparedRow['change'] {
  if (
    a?.measured === undefined ||
    b?.measured === undefined ||
    a.verdict === 'not-measured' ||
    b.verdict === 'not-measured'
  )
    return undefined;
  // A percent of a percent would mislead (0.1% to 0.2% is "+100%"): figures in percent change in points.
  if (a.unit === '%') return { value: round(b.measured - a.measured), unit: 'pts' };
  return a.measured === 0 ? undefined : { value: round((b.measured / a.measured - 1) * 100), unit: '%' };
}

/** The conditions whose values differ, by label (a group's member as '<group>: <label>'), in A's order then B's. */
function conditionDifferences(a: readonly RunCondition[], b: readonly RunCondition[]): ConditionDifference[] {
  const keyed = (conditions: readonly RunCondition[]) => {
    const values = new Map<string, string[]>();
    for (const condition of conditions) {
      const label = condition.group === undefined ? condition.label : `${condition.group}: ${condition.label}`;
      values.set(label, [...(values.get(label) ?? []), condition.value]);
    }
    return new Map([...values].map(([label, all]) => [label, all.join('; ')]));
  };
  const before = keyed(a);
  const after = keyed(b);
  return [...new Set([...before.keys(), ...after.keys()])].flatMap((label) => {
    const valueA = before.get(label) ?? 'absent';
    const valueB = after.get(label) ?? 'absent';
    return valueA === valueB ? [] : [{ label, a: valueA, b: valueB }];
  });
}
