/**
 * The endpoint bench's goal column: each endpoint's goal row (src/harness/targets/goals), judged
 * by the judge every run's rows go through. With repetitions, on their p95s as a run judges a
 * step's: the geometric mean with its log-t interval, "met" or "missed" only when the whole
 * interval is on one side of the goal, else "undecided". One repetition is a single reading,
 * judged as read.
 */
import { repetitionEstimate, singleReading } from '../src/harness/targets/estimate-figure.js';
import { judgeFigure } from '../src/harness/targets/judge-figure.js';
import { endpointGoalTargets } from '../src/harness/targets/goals/endpoint-latency.goals.targets.js';
import type { TargetDefinition } from '../src/harness/targets/target-definition.js';

export type EndpointVerdictWord = 'met' | 'missed' | 'undecided';

export interface EndpointVerdict {
  /** The goal row's id and bound; null for an endpoint without a goal. */
  readonly goal: { readonly id: string; readonly p95Ms: number } | null;
  /** True when met, false when missed or when nothing was measured; null without a goal or when undecided. */
  readonly met: boolean | null;
  /** Null without a goal. */
  readonly verdict: EndpointVerdictWord | null;
  /** With two repetitions or more: the geometric mean of their p95s and its 95% interval, in ms. */
  readonly p95Estimate?: { readonly ms: number; readonly lower: number; readonly upper: number };
}

/** The goal row of an endpoint: the one whose measured step is its route label. */
export function endpointGoal(
  label: string,
  goals: readonly TargetDefinition[] = endpointGoalTargets,
): TargetDefinition | undefined {
  return goals.find((row) => row.measure.kind === 'step' && row.measure.step === label);
}

/**
 * Judges an endpoint against its goal row: `p95Ms` is the p95 of each repetition (one number: a
 * single reading), over `samples` measured requests in all.
 */
export function judgeEndpoint(
  label: string,
  p95Ms: number | readonly number[],
  samples: number,
  goals: readonly TargetDefinition[] = endpointGoalTargets,
): EndpointVerdict {
  const row = endpointGoal(label, goals);
  if (row === undefined) return { goal: null, met: null, verdict: null };
  const goal = { id: row.id, p95Ms: row.target };
  if (samples === 0) return { goal, met: false, verdict: 'missed' };
  const p95s = typeof p95Ms === 'number' ? [p95Ms] : p95Ms;
  const estimate = p95s.length > 1 ? repetitionEstimate(p95s) : singleReading(p95s[0] ?? 0);
  const judged = judgeFigure(row, estimate).verdict;
  const verdict: EndpointVerdictWord = judged === 'fail' ? 'missed' : judged === 'inconclusive' ? 'undecided' : 'met';
  return {
    goal,
    met: verdict === 'undecided' ? null : verdict === 'met',
    verdict,
    ...(estimate.interval && {
      p95Estimate: {
        ms: round3(estimate.value),
        lower: round3(estimate.interval.lower),
        upper: round3(estimate.interval.upper),
      },
    }),
  };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
