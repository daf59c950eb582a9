/**
 * The pass/fail limits of one step, derived from the target rows that measure it: what the k6
 * script judges the step on (`-e LIMITS`) and what the capacity search holds each level to. A row
 * becomes a limit when it bounds from above a figure of the step's load that k6 also measures
 * (mean, median, p95 or p99 latency, or the error rate; of every request or of one route); the
 * others (corrected latency, memory, changes, reductions, server figures) have no k6 counterpart
 * and are judged from the result alone. The limit is the row's target, its warning level aside.
 */
import type { K6Limit } from '../../../scenarios/k6/lib/k6-options.js';
import type { TargetDefinition } from './target-definition.js';
import { judgedTargets } from './judged-targets.js';

const statistics: Readonly<Record<string, K6Limit['statistic']>> = {
  'latency.mean': 'mean',
  'latency.p50': 'p50',
  'latency.p95': 'p95',
  'latency.p99': 'p99',
  'requests.errorRate': 'errorRate',
};

/** The limit a row sets on its step's load, if k6 can judge it; its scenario and step aside. */
export function limitOfRow(row: TargetDefinition): K6Limit | undefined {
  if (row.measure.kind !== 'step' || row.comparison !== '<=') return undefined;
  const match = /^load\.(?:perRoute\.([^.]+)\.)?([a-zA-Z]+\.[a-zA-Z0-9]+)$/.exec(row.measure.statistic);
  const statistic = match === null ? undefined : statistics[match[2] as string];
  if (match === null || statistic === undefined) return undefined;
  const route = match[1];
  // The row's target is in its unit (e.g. percent); the limit, in the figure's (a 0..1 rate).
  return { statistic, max: row.target / (row.measure.scale ?? 1), ...(route === undefined ? {} : { route }) };
}

/** Every limit the rows set on step `step` of scenario `scenario`, spec rows and project goals alike. */
export function stepLimits(
  scenario: string,
  step: string,
  definitions: readonly TargetDefinition[] = judgedTargets,
): K6Limit[] {
  return definitions.flatMap((row) => {
    if (row.measure.kind !== 'step' || row.measure.scenario !== scenario || row.measure.step !== step) return [];
    const limit = limitOfRow(row);
    return limit === undefined ? [] : [limit];
  });
}
