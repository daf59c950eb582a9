/**
 * Judges every spec row against a run. Nothing is dropped: a row the run could not measure comes
 * back 'not-measured' with the reason. A row measured by a load step whose generator was the
 * bottleneck comes back 'fail' with that reason: its figure describes the generator, not the
 * service, so it can neither pass nor be waved through as unmeasured (the run also exits 3).
 */
import type { RunResult, ScenarioResult, StepResult } from '../result/run-result.schema.js';
import type { TargetEvaluation } from '../result/target-evaluation.schema.js';
import type { Measure, TargetDefinition } from './target-definition.js';
import { specTargets } from './spec-targets.js';
import { judgeFigure, round } from './judge-figure.js';
import { readStatistic } from './read-statistic.js';

type RunSlice = Pick<RunResult, 'profile' | 'scenarios'>;

type Located =
  | { readonly found: false; readonly reason: string }
  | { readonly found: true; readonly value: number; readonly details?: Record<string, number>; readonly bottleneck: readonly string[] };

/** Evaluates `definitions` (every spec row by default) against a run's scenarios. */
export function evaluateTargets(result: RunSlice, definitions: readonly TargetDefinition[] = specTargets): TargetEvaluation[] {
  return definitions.map((definition) => evaluateTarget(definition, result));
}

function evaluateTarget(definition: TargetDefinition, result: RunSlice): TargetEvaluation {
  const { measure } = definition;
  const row: TargetEvaluation = {
    id: definition.id, table: definition.table, label: definition.label,
    scenario: measure.scenario, step: stepText(measure), statistic: measure.statistic,
    comparison: definition.comparison, unit: definition.unit, target: definition.target,
    ...(definition.warning !== undefined && { warning: definition.warning }),
    ...(definition.claim !== undefined && { claim: definition.claim }),
    ...(definition.claimDetails && { claimDetails: { ...definition.claimDetails } }),
    specTarget: definition.specTarget, specClaim: definition.specClaim,
    verdict: 'not-measured',
  };
  const located = locate(measure, result);
  if (!located.found) return { ...row, reason: located.reason };
  const measured = { ...row, measured: located.value, ...(located.details && { details: located.details }) };
  if (located.bottleneck.length > 0) {
    return { ...measured, verdict: 'fail', reason: `the load generator was the bottleneck: ${located.bottleneck.join('; ')}` };
  }
  return { ...measured, ...judgeFigure(definition, located.value) };
}

function stepText(measure: Measure): string {
  if (measure.kind === 'step') return measure.step;
  if (measure.kind === 'change') return `${measure.before} → ${measure.after}`;
  return '(server sample)';
}

function locate(measure: Measure, result: RunSlice): Located {
  const scenario = result.scenarios.find((candidate) => candidate.name === measure.scenario);
  if (!scenario) return { found: false, reason: `scenario '${measure.scenario}' was not run (profile ${result.profile})` };
  if (scenario.state !== 'completed') {
    return { found: false, reason: `scenario '${scenario.name}' ${scenario.state}${scenario.reason ? `: ${scenario.reason}` : ''}` };
  }
  const scale = measure.scale ?? 1;
  if (measure.kind === 'server') {
    const value = scenario.server ? readStatistic(scenario.server, measure.statistic) : undefined;
    if (value === undefined) return { found: false, reason: `statistic '${measure.statistic}' absent from scenario '${scenario.name}' server sample` };
    return { found: true, value: round(value * scale), bottleneck: [] };
  }
  if (measure.kind === 'step') {
    const figure = readStep(scenario, measure.step, measure.statistic, result.profile);
    if (!figure.found) return figure;
    const details = measure.details?.flatMap((path) => {
      const value = readStatistic(figure.step, path);
      return value === undefined ? [] : [[path.split('.').pop() ?? path, value] as const];
    });
    return { found: true, value: round(figure.value * scale), ...(details?.length && { details: Object.fromEntries(details) }), bottleneck: figure.bottleneck };
  }
  const before = readStep(scenario, measure.before, measure.statistic, result.profile);
  if (!before.found) return before;
  const after = readStep(scenario, measure.after, measure.statistic, result.profile);
  if (!after.found) return after;
  if (before.value === 0) return { found: false, reason: `step '${measure.before}' measured 0: no relative change exists` };
  return {
    found: true,
    value: round(((after.value - before.value) / before.value) * 100 * scale),
    details: { beforeMs: before.value, afterMs: after.value },
    bottleneck: [...before.bottleneck, ...after.bottleneck],
  };
}

function readStep(scenario: ScenarioResult, label: string, statistic: string, profile: string):
  | { found: false; reason: string }
  | { found: true; value: number; step: StepResult; bottleneck: readonly string[] } {
  const step = scenario.steps.find((candidate) => candidate.label === label);
  if (!step) return { found: false, reason: `step '${label}' not in scenario '${scenario.name}' (profile ${profile})` };
  if (statistic.startsWith('load.') && step.load?.state === 'errored') {
    return { found: false, reason: `load of step '${label}' errored${step.load.error ? `: ${step.load.error}` : ''}` };
  }
  const value = readStatistic(step, statistic);
  if (value === undefined) return { found: false, reason: `statistic '${statistic}' absent from step '${label}' of scenario '${scenario.name}'` };
  const generator = statistic.startsWith('load.') ? step.load?.generator : undefined;
  const bottleneck = generator?.bottleneck ? [`${scenario.name}/${label}: ${generator.reasons.join(', ') || 'no reason given'}`] : [];
  return { found: true, value, step, bottleneck };
}
