/**
 * The project's own goal for the open-model scenario, one row per arrival rate any profile runs:
 * the p95 latency from each request's intended send time (corrected for coordinated omission),
 * judged like a spec row from the step's repetitions, against the load p95 goal (load-p95-goal.ts).
 * The spec publishes no such figure. Measured from the intended send, it also counts the time a
 * stalled service kept later arrivals waiting, which the raw p95 leaves out.
 */
import { scenario as openModel } from '../../../../scenarios/open-model.scenario.js';
import { levelLabel } from '../../../../scenarios/step-plan.js';
import type { TargetDefinition } from '../target-definition.js';
import { loadP95GoalMs } from './load-p95-goal.js';

/** Every rate of every profile, ascending: a profile that does not run a rate leaves its row not measured. */
const rates = [...new Set(Object.values(openModel.profiles).flatMap((profile) => profile.levels))].sort(
  (a, b) => a - b,
);

export const openModelGoalTargets: readonly TargetDefinition[] = rates.map((rate) => ({
  id: `goals.open-model-${rate}-rps.corrected-p95`,
  table: 'goals',
  kind: 'project-goal',
  label: `Open model, ${rate} req/s: p95 from the intended send`,
  measure: {
    kind: 'step',
    scenario: openModel.name,
    step: levelLabel(openModel.load.model, rate),
    statistic: 'load.correctedLatency.p95',
  },
  comparison: '<=',
  unit: 'ms',
  target: loadP95GoalMs,
  specTarget: 'none (project goal)',
  specClaim: 'none',
}));
