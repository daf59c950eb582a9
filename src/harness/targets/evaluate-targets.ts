/**
 * Judges every row (the spec's and the project's goals) against a run. Nothing is dropped: a row the run could not measure comes
 * back 'not-measured' with the reason. A row measured by a load step whose generator was the
 * bottleneck comes back 'fail' with that reason: its figure describes the generator, not the
 * service, so it can neither pass nor be waved through as unmeasured (the run also exits 3).
 */
import type { RunResult, ScenarioResult, StepResult } from '../result/run-result.schema.js';
import type { TargetEvaluation } from '../result/target-evaluation.schema.js';
import type { Measure, TargetDefinition } from './target-definition.js';
import { judgedTargets } from './judged-targets.js';
import { judgeFigure, round } from './judge-figure.js';
import { readStatistic } from './read-statistic.js';
import { medianOfSorted, sortAscending } from '../stats/order-statistics.js';
import {
  confidence,
  estimateLoadFigure,
  pairedChange,
  rateEstimate,
  repetitionEstimate,
  repetitionValues,
  singleReading,
  type Estimate,
} from './estimate-figure.js';

type RunSlice = Pick<RunResult, 'profile' | 'scenarios'>;

type Located =
  | { readonly found: false; readonly reason: string }
  | {
      readonly found: true;
      readonly estimate: Estimate;
      readonly details?: Record<string, number>;
      readonly bottleneck: readonly string[];
    };

/** Evaluates `definitions` (every spec row and project goal by default) against a run's scenarios. */
export function evaluateTargets(
  result: RunSlice,
  definitions: readonly TargetDefinition[] = judgedTargets,
): TargetEvaluation[] {
  return definitions.map((definition) => evaluateTarget(definition, result));
}

function evaluateTarget(definition: TargetDefinition, result: RunSlice): TargetEvaluation {
  const { measure } = definition;
  const row: TargetEvaluation = {
    id: definition.id,
    table: definition.table,
    kind: definition.kind ?? 'spec',
    label: definition.label,
    scenario: measure.scenario,
    step: stepText(measure),
    statistic: measure.statistic,
    comparison: definition.comparison,
    unit: definition.unit,
    target: definition.target,
    ...(definition.warning !== undefined && { warning: definition.warning }),
    ...(definition.claim !== undefined && { claim: definition.claim }),
    ...(definition.claimDetails && { claimDetails: { ...definition.claimDetails } }),
    specTarget: definition.specTarget,
    specClaim: definition.specClaim,
    verdict: 'not-measured',
  };
  const located = locate(measure, result, definition.target / (('scale' in measure ? measure.scale : undefined) ?? 1));
  if (!located.found) return { ...row, reason: located.reason };
  const estimate = scaled(located.estimate, ('scale' in measure ? measure.scale : undefined) ?? 1);
  const measured = {
    ...row,
    measured: estimate.value,
    method: estimate.method,
    ...(estimate.interval && {
      interval: { lower: estimate.interval.lower, upper: estimate.interval.upper, confidence },
    }),
    ...(estimate.samples && estimate.samples.length > 0 && { samples: [...estimate.samples] }),
    ...(located.details && { details: located.details }),
  };
  if (located.bottleneck.length > 0) {
    return {
      ...measured,
      verdict: 'fail',
      reason: `the load generator was the bottleneck: ${located.bottleneck.join('; ')}`,
    };
  }
  return { ...measured, ...judgeFigure(definition, estimate) };
}

/** The estimate in the row's unit: a figure's scale (e.g. 100 for a ratio in percent) applies to all of it. */
function scaled(estimate: Estimate, scale: number): Estimate {
  const by = (value: number) => round(value * scale);
  return {
    ...estimate,
    value: by(estimate.value),
    ...(estimate.interval && { interval: { lower: by(estimate.interval.lower), upper: by(estimate.interval.upper) } }),
    ...(estimate.samples && { samples: estimate.samples.map(by) }),
    // Only a log-scale spread moves with a scale; a change's percent scale never has one.
    ...(estimate.spread && scale !== 1 && { spread: scaledSpread(estimate.spread, scale) }),
  };
}

function scaledSpread(spread: NonNullable<Estimate['spread']>, scale: number): Estimate['spread'] {
  if (spread.transform === 'log') return { ...spread, center: spread.center + Math.log(scale) };
  if (spread.transform === 'identity')
    return { ...spread, center: spread.center * scale, halfWidth: spread.halfWidth * scale };
  return spread;
}

function stepText(measure: Measure): string {
  if (measure.kind === 'step' || measure.kind === 'reduction') return measure.step;
  if (measure.kind === 'change') return `${measure.before} → ${measure.after}`;
  return '(server sample)';
}

/** @param rawTarget the target in the figure's raw unit (before scaling), for rates decided against zero. */
function locate(measure: Measure, result: RunSlice, rawTarget: number): Located {
  const scenario = result.scenarios.find((candidate) => candidate.name === measure.scenario);
  if (!scenario)
    return { found: false, reason: `scenario '${measure.scenario}' was not run (profile ${result.profile})` };
  if (scenario.state !== 'completed') {
    return {
      found: false,
      reason: `scenario '${scenario.name}' ${scenario.state}${scenario.reason ? `: ${scenario.reason}` : ''}`,
    };
  }
  switch (measure.kind) {
    case 'server':
      return locateServer(scenario, measure.statistic, rawTarget);
    case 'step':
      return locateStep(scenario, measure, result.profile, rawTarget);
    case 'change':
      return locateChange(scenario, measure, result.profile);
    case 'reduction':
      return locateReduction(scenario, measure, result.profile);
  }
}

function locateServer(scenario: ScenarioResult, statistic: string, rawTarget: number): Located {
  const server = scenario.server;
  const cache = /^serviceMetrics\.cacheHitRatio\.(.+)$/.exec(statistic)?.[1];
  const lookups = cache === undefined ? undefined : server?.serviceMetrics.cacheLookups[cache];
  if (lookups && lookups.hits + lookups.misses > 0) {
    return {
      found: true,
      estimate: rateEstimate(lookups.hits, lookups.hits + lookups.misses, rawTarget),
      details: { hits: lookups.hits, misses: lookups.misses },
      bottleneck: [],
    };
  }
  const value = server ? readStatistic(server, statistic) : undefined;
  if (value === undefined)
    return { found: false, reason: `statistic '${statistic}' absent from scenario '${scenario.name}' server sample` };
  return { found: true, estimate: singleReading(value), bottleneck: [] };
}

function locateStep(
  scenario: ScenarioResult,
  measure: Extract<Measure, { kind: 'step' }>,
  profile: string,
  rawTarget: number,
): Located {
  const found = findStep(scenario, measure.step, profile);
  if (!found.found) return found;
  const { step } = found;
  const details = Object.fromEntries(
    (measure.details ?? []).flatMap((path) => {
      const value = readStatistic(step, path);
      return value === undefined ? [] : [[path.split('.').pop() ?? path, value] as const];
    }),
  );
  const withDetails = Object.keys(details).length > 0 ? { details } : {};
  if (measure.statistic.startsWith('load.')) {
    const estimate = step.load ? estimateLoadFigure(step.load, measure.statistic, rawTarget) : undefined;
    if (estimate === undefined) return absent(scenario, measure.step, measure.statistic);
    return { found: true, estimate, ...withDetails, bottleneck: bottleneckOf(scenario, step) };
  }
  const name = measure.statistic.replace(/^measurements\./, '');
  const samples = step.samples?.[name];
  if (samples && samples.length > 0)
    return { found: true, estimate: repetitionEstimate(samples), ...withDetails, bottleneck: [] };
  const value = readStatistic(step, measure.statistic);
  if (value === undefined) return absent(scenario, measure.step, measure.statistic);
  return { found: true, estimate: singleReading(value), ...withDetails, bottleneck: [] };
}

function locateChange(
  scenario: ScenarioResult,
  measure: Extract<Measure, { kind: 'change' }>,
  profile: string,
): Located {
  const before = findStep(scenario, measure.before, profile);
  if (!before.found) return before;
  const after = findStep(scenario, measure.after, profile);
  if (!after.found) return after;
  if (!before.step.load || !after.step.load) return absent(scenario, measure.before, measure.statistic);
  const estimate = pairedChange(
    repetitionValues(before.step.load, measure.statistic),
    repetitionValues(after.step.load, measure.statistic),
    'increase',
  );
  if (estimate === undefined)
    return {
      found: false,
      reason: `steps '${measure.before}' and '${measure.after}' share no repetition with a positive '${measure.statistic}'`,
    };
  const beforeMs = readStatistic(before.step, measure.statistic);
  const afterMs = readStatistic(after.step, measure.statistic);
  return {
    found: true,
    estimate,
    ...(beforeMs !== undefined && afterMs !== undefined && { details: { beforeMs, afterMs } }),
    bottleneck: [...bottleneckOf(scenario, before.step), ...bottleneckOf(scenario, after.step)],
  };
}

function locateReduction(
  scenario: ScenarioResult,
  measure: Extract<Measure, { kind: 'reduction' }>,
  profile: string,
): Located {
  const found = findStep(scenario, measure.step, profile);
  if (!found.found) return found;
  const { step } = found;
  const baseline = step.samples?.[measure.baseline];
  const optimized = step.samples?.[measure.optimized];
  const median = (values: readonly number[] | undefined) =>
    values === undefined || values.length === 0 ? undefined : medianOfSorted(sortAscending(values));
  const baselineFigure = median(baseline) ?? step.measurements[measure.baseline];
  const optimizedFigure = median(optimized) ?? step.measurements[measure.optimized];
  const details =
    baselineFigure !== undefined && optimizedFigure !== undefined
      ? { details: { [measure.baseline]: baselineFigure, [measure.optimized]: optimizedFigure } }
      : {};
  if (baseline && optimized) {
    const estimate = pairedChange(baseline, optimized, 'reduction');
    if (estimate) return { found: true, estimate, ...details, bottleneck: [] };
  }
  const value = step.measurements[measure.statistic];
  if (value === undefined) return absent(scenario, measure.step, measure.statistic);
  return { found: true, estimate: singleReading(value), ...details, bottleneck: [] };
}

function absent(scenario: ScenarioResult, step: string, statistic: string): Located {
  return { found: false, reason: `statistic '${statistic}' absent from step '${step}' of scenario '${scenario.name}'` };
}

function findStep(
  scenario: ScenarioResult,
  label: string,
  profile: string,
): { found: false; reason: string } | { found: true; step: StepResult } {
  const step = scenario.steps.find((candidate) => candidate.label === label);
  return step
    ? { found: true, step }
    : { found: false, reason: `step '${label}' not in scenario '${scenario.name}' (profile ${profile})` };
}

function bottleneckOf(scenario: ScenarioResult, step: StepResult): string[] {
  const generator = step.load?.generator;
  return generator?.bottleneck
    ? [`${scenario.name}/${step.label}: ${generator.reasons.join(', ') || 'no reason given'}`]
    : [];
}
