/**
 * --until-decided: a paired step whose rows are still inconclusive after its planned pairs may run
 * more pairs, as many as the spread seen says a decision needs, within a budget of extra load
 * shared by the whole run. Rows whose decision would need more pairs than a step may take are
 * left inconclusive at once rather than spending the budget on them.
 *
 * Extending on what the first pairs showed is a sequential look, which makes a 95% interval a
 * little too narrow; the extensions are capped (at most twice, to at most four times the planned
 * pairs) so the effect stays small, and the result records that a step was extended.
 */
import type { ProfileName, Scenario } from '../../../scenarios/scenario-schema.js';
import type { PlannedStep } from '../../../scenarios/step-plan.js';
import type { LoadRunResult } from '../result/load-result.schema.js';
import type { TargetDefinition } from '../targets/target-definition.js';
import { evaluateTargets } from '../targets/evaluate-targets.js';
import { specTargets } from '../targets/spec-targets.js';

/** The run's extra load for extensions, spent as steps use it. */
export class ExtensionBudget {
  #remainingMs: number;

  constructor(totalMs: number) {
    this.#remainingMs = Math.max(0, totalMs);
  }

  get remainingMs(): number {
    return this.#remainingMs;
  }

  spend(ms: number): void {
    this.#remainingMs = Math.max(0, this.#remainingMs - ms);
  }
}

/** A step's planned pairs may grow to at most this many times their number. */
export const maxGrowth = 4;
/** Looks at the data after the planned pairs: the first extension, and one to correct it. */
export const maxExtensions = 2;

/** The spec rows a set of steps of one scenario decides alone (every step they read is among them). */
export function rowsOfSteps(scenario: string, labels: readonly string[], definitions: readonly TargetDefinition[] = specTargets): TargetDefinition[] {
  const own = new Set(labels);
  return definitions.filter(({ measure }) => {
    if (measure.scenario !== scenario) return false;
    if (measure.kind === 'change') return own.has(measure.before) && own.has(measure.after);
    if (measure.kind === 'step' || measure.kind === 'reduction') return own.has(measure.step);
    return false;
  });
}

/**
 * The pairs the steps' inconclusive rows need in all, judged on the loads so far: the largest
 * need among rows that could be decided within `maxPairs`; 0 when every row is decided or none
 * can be within reach.
 */
export function pairsToDecide(scenario: Scenario, profile: ProfileName, loads: readonly (readonly [PlannedStep, LoadRunResult])[], maxPairs: number): { pairs: number; rows: string[] } {
  const labels = loads.map(([step]) => step.label);
  const rows = rowsOfSteps(scenario.name, labels);
  if (rows.length === 0) return { pairs: 0, rows: [] };
  const steps = loads.map(([step, load]) => ({ label: step.label, params: {}, load, measurements: {} }));
  const evaluated = evaluateTargets({ profile, scenarios: [{ name: scenario.name, state: 'completed', steps }] }, rows);
  const reachable = evaluated.filter((row) => row.verdict === 'inconclusive' && row.neededRepetitions !== undefined && row.neededRepetitions <= maxPairs);
  return {
    pairs: Math.max(0, ...reachable.map((row) => row.neededRepetitions as number)),
    rows: reachable.map((row) => row.id),
  };
}
