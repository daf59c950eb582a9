/**
 * Several load generators' results of one run (the same scenarios, at the same time, against one
 * service) as one result, judged again: what each load step measured is added up (merge-load.ts).
 * What no generator measures on its own (server samples, sizes, plans, before-after timings, a
 * capacity search's finding, faults, datasets, environment) is the first result's: every
 * generator saw the same service.
 */
import { HarnessError } from '../../core/errors.js';
import type { InvariantReport } from '../result/invariant-report.schema.js';
import type { RunResult, ScenarioResult, StepResult, StepWrites } from '../result/run-result.schema.js';
import { judgeRun, type UnjudgedRunResult } from '../targets/judge-run.js';
import { mergeLoads } from './merge-load.js';

/** A result and the file it was read from (named in every refusal). */
export interface StoredResult {
  readonly file: string;
  readonly result: RunResult;
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

function mismatch(message: string): HarnessError {
  return new HarnessError('RESULTS_MISMATCH', message);
}

/** Refuses a result that did not run what the first one ran, naming its file and the first difference. */
function checkSameRun(first: StoredResult, other: StoredResult): void {
  const list = (names: readonly string[]): string => names.join(', ') || 'none';
  if (other.result.profile !== first.result.profile) {
    throw mismatch(
      `${other.file}: ran the ${other.result.profile} profile where ${first.file} ran ${first.result.profile}`,
    );
  }
  if (other.result.repetitions !== first.result.repetitions) {
    throw mismatch(
      `${other.file}: ran ${other.result.repetitions} repetitions a step where ${first.file} ran ${first.result.repetitions}`,
    );
  }
  // Several generators are one measurement only against one service: the same deployed target.
  const targetOf = (run: RunResult) => run.environment.target?.url ?? 'a service of its own';
  if (targetOf(other.result) !== targetOf(first.result) || other.result.environment.target === undefined) {
    throw mismatch(
      `${other.file}: loaded ${targetOf(other.result)} where ${first.file} loaded ${targetOf(first.result)}; only runs against one deployed service (run --target-url) add up`,
    );
  }
  const scenarioNames = (run: RunResult) => run.scenarios.map((scenario) => scenario.name);
  if (scenarioNames(other.result).join('\n') !== scenarioNames(first.result).join('\n')) {
    throw mismatch(
      `${other.file}: ran the scenarios ${list(scenarioNames(other.result))} where ${first.file} ran ${list(scenarioNames(first.result))}`,
    );
  }
  for (const [index, scenario] of first.result.scenarios.entries()) {
    const theirs = other.result.scenarios[index] as ScenarioResult;
    if ((theirs.state === 'skipped') !== (scenario.state === 'skipped')) {
      throw mismatch(`${other.file}: ${scenario.name} was ${theirs.state} where ${first.file}'s was ${scenario.state}`);
    }
    const labels = (steps: readonly StepResult[]) => steps.map((step) => step.label);
    if (labels(theirs.steps).join('\n') !== labels(scenario.steps).join('\n')) {
      throw mismatch(
        `${other.file}: ${scenario.name} ran the steps ${list(labels(theirs.steps))} where ${first.file} ran ${list(labels(scenario.steps))}`,
      );
    }
    for (const [stepIndex, step] of scenario.steps.entries()) {
      const their = theirs.steps[stepIndex]?.load;
      if ((their === undefined) !== (step.load === undefined)) {
        throw mismatch(
          `${other.file}: ${scenario.name}/${step.label} ${step.load ? 'has no load' : 'has a load'} where ${first.file}'s ${step.load ? 'has one' : 'has none'}`,
        );
      }
      // A repetition one generator added (--until-decided) would be judged as the whole service's at a fraction of its load.
      const indexes = (load: NonNullable<StepResult['load']>) =>
        load.repetitions.map((repetition) => repetition.index).join(',');
      if (their && step.load && indexes(their) !== indexes(step.load)) {
        throw mismatch(
          `${other.file}: ${scenario.name}/${step.label} ran ${their.repetitions.length} repetitions where ${first.file}'s ran ${step.load.repetitions.length}; run every generator with --until-decided 0`,
        );
      }
    }
  }
}

function sumWrites(all: readonly StepWrites[]): StepWrites {
  return {
    created: sum(all.map((writes) => writes.created)),
    transitions: sum(all.map((writes) => writes.transitions)),
    enrollments: sum(all.map((writes) => writes.enrollments)),
    enrollmentsPerMinute: Math.round(sum(all.map((writes) => writes.enrollmentsPerMinute)) * 10) / 10,
    racedRejections: sum(all.map((writes) => writes.racedRejections)),
    lost: sum(all.map((writes) => writes.lost)),
  };
}

function mergeStep(parts: readonly { readonly file: string; readonly step: StepResult }[], place: string): StepResult {
  const first = (parts[0] as { step: StepResult }).step;
  const loads = parts.flatMap(({ file, step }) => (step.load ? [{ file, load: step.load }] : []));
  const writes = parts.flatMap(({ step }) => (step.writes ? [step.writes] : []));
  return {
    ...first,
    ...(loads.length > 0 && { load: mergeLoads(loads, place) }),
    ...(writes.length > 0 && { writes: sumWrites(writes) }),
  };
}

function mergeScenario(parts: readonly { readonly file: string; readonly scenario: ScenarioResult }[]): ScenarioResult {
  const first = (parts[0] as { scenario: ScenarioResult }).scenario;
  const errored = parts.filter(({ scenario }) => scenario.state === 'errored');
  const state =
    first.state === 'skipped'
      ? 'skipped'
      : errored.length > 0
        ? 'errored'
        : parts.some(({ scenario }) => scenario.state === 'interrupted')
          ? 'interrupted'
          : 'completed';
  return {
    ...first,
    state,
    ...(errored.length > 0 && {
      reason: errored.map(({ file, scenario }) => `${file}: ${scenario.reason ?? 'errored'}`).join('; '),
    }),
    steps: first.steps.map((step, index) =>
      mergeStep(
        parts.map(({ file, scenario }) => ({ file, step: scenario.steps[index] as StepResult })),
        `${first.name}/${step.label}`,
      ),
    ),
  };
}

/** Passed only if every generator's checks passed; the checks and violations of all. */
function mergeInvariants(reports: readonly InvariantReport[]): InvariantReport | undefined {
  if (reports.length === 0) return undefined;
  return {
    state: reports.some((report) => report.state === 'failed') ? 'failed' : 'passed',
    checked: [...new Set(reports.flatMap((report) => report.checked))],
    violations: reports.flatMap((report) => report.violations),
  };
}

function mergeInterrupted(results: readonly RunResult[]): RunResult['interrupted'] {
  const stopped = results.flatMap((result) => (result.interrupted ? [result.interrupted] : []));
  const [first] = stopped;
  return (
    first && {
      signal: first.signal,
      unfinished: [...new Set(stopped.flatMap((interrupted) => interrupted.unfinished))],
    }
  );
}

type Split = NonNullable<NonNullable<RunResult['environment']['target']>['generator']>;
const splitText = (split: Split | undefined): string =>
  split ? `generator ${split.index}/${split.count}` : 'without --generator';

/**
 * Refuses generators whose shares of the target's users and referrals were not the n disjoint
 * shares of one split, once each: the same share twice (their writes raced on the same rows),
 * shares of different splits, some missing, or results with writes and no split at all.
 */
function checkGeneratorSplits(inputs: readonly StoredResult[]): void {
  const splits = inputs.map(({ file, result }) => ({ file, split: result.environment.target?.generator }));
  const reference = splits.find((entry): entry is { file: string; split: Split } => entry.split !== undefined);
  if (reference === undefined) {
    const writer = inputs.find(({ result }) =>
      result.scenarios.some((scenario) => scenario.steps.some((step) => step.writes !== undefined)),
    );
    if (writer)
      throw mismatch(
        `${writer.file}: wrote to the target without --generator i/n, so every generator worked on the same seeded users and referrals and their writes raced; run generator i of n with --generator i/n`,
      );
    return;
  }
  const count = reference.split.count;
  for (const { file, split } of splits) {
    if (split === undefined || split.count !== count)
      throw mismatch(
        `${file}: ran ${splitText(split)} where ${reference.file} ran ${splitText(reference.split)}; merge takes the n generators of one split`,
      );
  }
  const byIndex = new Map<number, string>();
  for (const { file, split } of splits) {
    const index = (split as Split).index;
    const other = byIndex.get(index);
    if (other !== undefined)
      throw mismatch(
        `${file}: ran as generator ${index}/${count}, as ${other} did: both worked on the same share of users and referrals`,
      );
    byIndex.set(index, file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0)
    throw mismatch(
      `generator${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${count} missing: the merged load would lack ${missing.length > 1 ? 'their' : 'its'} share of the target's users and referrals`,
    );
}

/** The first result's datasets; one of the target's was seeded by this run if any generator seeded it. */
function mergedDatasets(results: readonly RunResult[]): RunResult['datasets'] {
  const [first] = results;
  return (first?.datasets ?? []).map((dataset, index) =>
    dataset.inPlace === undefined
      ? dataset
      : {
          ...dataset,
          inPlace: { seededThisRun: results.some((result) => result.datasets[index]?.inPlace?.seededThisRun === true) },
        },
  );
}

/** The merged run's environment: the first's, without any one generator's share (it covers them all). */
function mergedEnvironment(first: RunResult): RunResult['environment'] {
  const target = first.environment.target;
  if (target?.generator === undefined) return first.environment;
  const { generator: _share, ...whole } = target;
  return { ...first.environment, target: whole };
}

/**
 * Merges two results or more, judged again against every target; refuses (RESULTS_MISMATCH,
 * naming the file) results of another profile, repetition count, other scenarios or steps,
 * another runner or load model, latencies stored without their histograms, or generator shares
 * (--generator i/n) that overlap or do not make up one whole split.
 */
export function mergeResults(inputs: readonly StoredResult[]): RunResult {
  const [first] = inputs;
  if (first === undefined || inputs.length < 2) throw mismatch(`merge needs two results or more, got ${inputs.length}`);
  for (const other of inputs.slice(1)) checkSameRun(first, other);
  checkGeneratorSplits(inputs);
  const results = inputs.map(({ result }) => result);
  const times = (key: 'startedAt' | 'finishedAt') =>
    results.map((result) => result[key]).sort((a, b) => Date.parse(a) - Date.parse(b));
  const invariants = mergeInvariants(results.flatMap((result) => (result.invariants ? [result.invariants] : [])));
  const interrupted = mergeInterrupted(results);
  const measured: UnjudgedRunResult = {
    schemaVersion: first.result.schemaVersion,
    runId: `${first.result.runId}-merged`,
    startedAt: times('startedAt')[0] as string,
    finishedAt: times('finishedAt').at(-1) as string,
    profile: first.result.profile,
    repetitions: first.result.repetitions,
    ...(interrupted && { interrupted }),
    environment: mergedEnvironment(first.result),
    datasets: mergedDatasets(results),
    scenarios: first.result.scenarios.map((_, index) =>
      mergeScenario(inputs.map(({ file, result }) => ({ file, scenario: result.scenarios[index] as ScenarioResult }))),
    ),
    ...(invariants && { invariants }),
    ...(first.result.micro && { micro: first.result.micro }),
  };
  return judgeRun(measured);
}
