/**
 * The endpoint bench's goal column: each endpoint's goal row (src/harness/targets/goals), judged
 * on the bench's one p95 as a single reading, by the judge every run's rows go through.
 */
import { singleReading } from '../src/harness/targets/estimate-figure.js';
import { judgeFigure } from '../src/harness/targets/judge-figure.js';
import { endpointGoalTargets } from '../src/harness/targets/goals/endpoint-latency.goals.targets.js';
import type { TargetDefinition } from '../src/harness/targets/target-definition.js';

export interface EndpointVerdict {
  /** The goal row's id and bound; null for an endpoint without a goal. */
  readonly goal: { readonly id: string; readonly p95Ms: number } | null;
  /** Null without a goal; false when nothing was measured. */
  readonly met: boolean | null;
}

/** The goal row of an endpoint: the one whose measured step is its route label. */
export function endpointGoal(
  label: string,
  goals: readonly TargetDefinition[] = endpointGoalTargets,
): TargetDefinition | undefined {
  return goals.find((row) => row.measure.kind === 'step' && row.measure.step === label);
}

/** Judges an endpoint's p95 (over `samples` measured requests) against its goal row. */
export function judgeEndpoint(
  label: string,
  p95Ms: number,
  samples: number,
  goals: readonly TargetDefinition[] = endpointGoalTargets,
): EndpointVerdict {
  const row = endpointGoal(label, goals);
  if (row === undefined) return { goal: null, met: null };
  const goal = { id: row.id, p95Ms: row.target };
  if (samples === 0) return { goal, met: false };
  return { goal, met: judgeFigure(row, singleReading(p95Ms)).verdict !== 'fail' };
}
