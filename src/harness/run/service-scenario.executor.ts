/**
 * The common executor: one seeded database, the service on it, and every planned step loaded in
 * turn (concurrent-users levels, operations routes, open-model rates), with the server watched.
 */
import { profileOf, type ProfileName, type Scenario } from '../../../scenarios/scenario-schema.js';
import { planSteps, type PlannedStep } from '../../../scenarios/step-plan.js';
import type { ScenarioResult, StepResult, StepWrites } from '../result/run-result.schema.js';
import type { LoadRunResult } from '../result/load-result.schema.js';
import { repetitionsOf } from '../config.js';
import { runScenarioStep, type ScenarioStepOptions } from '../runners/run-scenario-step.js';
import type { RunResources, RunDatabase, ServiceOptions } from './run-resources.js';
import { startServerSampler } from './server-sampler.js';
import { StepStatements } from './step-statements.js';
import { RunRecorder } from '../measure/run-recorder.js';
import { extendUntilDecided } from './until-decided.js';
import { AcknowledgedWrites, type WriteCounts } from '../../../scenarios/acknowledged-writes.js';
import { WorkPools } from '../../../scenarios/work-pools.js';
import type { LoadState } from '../../../scenarios/stateful-writes.js';
import type { ScenarioContext } from '../../../scenarios/scenario-context.js';
import { checkAcknowledgedWrites } from '../invariants/check-acknowledged-writes.js';
import type { InvariantReport, InvariantViolation } from '../result/invariant-report.schema.js';
import { runScenarioPhases, type ScenarioOutcome } from './scenario-phases.js';

type ServerSample = NonNullable<ScenarioResult['server']>;

export interface StepsOnServiceOptions {
  readonly resources: RunResources;
  readonly scenario: Scenario;
  readonly profile: ProfileName;
  readonly steps: readonly PlannedStep[];
  readonly database: RunDatabase;
  readonly service?: ServiceOptions;
  /** Extra figures per step, measured after its load (e.g. database sizes). */
  readonly measureStep?: (step: PlannedStep) => Promise<Record<string, number>>;
  /** Where the report of each step's check of the acknowledged writes goes (ScenarioDatabases.checked). */
  readonly writesChecked: (report: InvariantReport) => void;
}

export function stepParams(step: PlannedStep): Record<string, string | number> {
  return {
    level: step.level,
    referrals: step.referrals,
    ...(step.route ? { route: step.route } : {}),
    ...(step.referralFeature ? { referralFeature: step.referralFeature } : {}),
    ...(step.schemaVariant ? { schemaVariant: step.schemaVariant } : {}),
  };
}

/** The service running on a database, with its scenario context and the server watched. */
export interface ScenarioService {
  /** The service's process (its workers are its children); undefined for a deployed target. */
  readonly pid: number | undefined;
  readonly url: string;
  /** The tokens and ids the load uses. */
  readonly context: ScenarioContext;
  /** Loads one step and measures it, its measured load cut into the run's repetitions. */
  run(step: PlannedStep): Promise<StepResult>;
  /** Loads one phase of a step whose repetitions the caller interleaves with another service's (paired comparisons). */
  load(
    step: PlannedStep,
    part: Pick<ScenarioStepOptions, 'phase' | 'record' | 'seed' | 'repetitions'>,
  ): Promise<LoadRunResult>;
  /** The step's result from a load the caller assembled. */
  finish(step: PlannedStep, load: LoadRunResult): Promise<StepResult>;
  /** Stops watching and stops the service; the server sample covers every step run. */
  close(): Promise<ServerSample>;
}

/** Starts the service on a database and gets ready to run steps on it. */
export async function openScenarioService(options: Omit<StepsOnServiceOptions, 'steps'>): Promise<ScenarioService> {
  const { resources, scenario, profile, database } = options;
  const service = await resources.service(database, options.service);
  try {
    const context = await resources.context(database);
    const sampler = await startServerSampler(database.pool, service.url, service.pid);
    const statements = new StepStatements(database.pool);
    const settings = profileOf(scenario, profile);
    const repetitions = repetitionsOf(resources.config, settings);
    // The load follows its own writes on this database: pools of referrals to move, and every
    // write the service acknowledged, checked after each step.
    const state: LoadState = {
      pools: new WorkPools(context, { contention: scenario.contention ?? 0 }),
      writes: new AcknowledgedWrites(),
    };
    const stepOptions = {
      url: service.url,
      context,
      profile,
      runner: resources.config.runner,
      seed: resources.config.seed,
      repetitions,
      state,
      abort: resources.abort,
      // --allow-remote: a deployed target off this machine was named and allowed at the edge
      allowRemoteTarget: resources.config.target?.remote === true,
    };
    // An open-model step can take more repetitions after its own (arrivals need no ramp-up); a
    // closed-model one would ramp its users up again inside them. k6 reports one summary per run.
    const extensible =
      scenario.load.model === 'open' && resources.config.runner === 'builtin' && resources.config.untilDecidedMs > 0;
    let before: WriteCounts = state.writes.snapshot();
    const reported = new Set<string>();
    /** The violations' rows not reported at an earlier step. */
    const newlyLost = (report: InvariantReport): InvariantViolation[] =>
      report.violations.flatMap((violation) => {
        const fresh = violation.examples.filter((row) => {
          const key = `${violation.invariant}|${typeof row.id === 'string' ? row.id : JSON.stringify(row)}`;
          if (reported.has(key)) return false;
          reported.add(key);
          return true;
        });
        return fresh.length === 0 ? [] : [{ ...violation, count: fresh.length, examples: fresh.slice(0, 20) }];
      });
    /** Loads `step`, and tells the sampler where its measured load ran and what its timeline counts from. */
    const loadStep = async (
      step: PlannedStep,
      part: Partial<Pick<ScenarioStepOptions, 'phase' | 'record' | 'seed' | 'repetitions'>>,
    ): Promise<LoadRunResult> => {
      const calledMs = performance.now();
      const phase = part.phase ?? 'both';
      const run = () => runScenarioStep(scenario, step, { ...stepOptions, ...part });
      const load = phase === 'warm-up' ? await run() : await statements.around(step.label, run);
      if (phase !== 'warm-up') {
        const fromMs = calledMs + (phase === 'both' ? settings.warmupMs : 0);
        sampler.markStep({
          step: step.label,
          fromMs,
          toMs: performance.now(),
          originMs: part.record?.recorder.measuredFromMs ?? fromMs,
        });
      }
      return load;
    };
    let loadStartedMs = performance.now();
    const finish = async (step: PlannedStep, load: LoadRunResult): Promise<StepResult> => {
      const loadMs = performance.now() - loadStartedMs;
      const measurements = options.measureStep ? await options.measureStep(step) : {};
      const writes = await checkWrites(step, before, loadMs);
      before = state.writes.snapshot();
      const wrote =
        writes && writes.created + writes.transitions + writes.lost > 0
          ? `, ${writes.created} created, ${writes.enrollments} enrolled (${writes.enrollmentsPerMinute.toFixed(0)}/min)${writes.lost > 0 ? `, ${writes.lost} ACKNOWLEDGED WRITES LOST` : ''}`
          : '';
      if (resources.stopped())
        resources.log(`${scenario.name}: ${step.label}: cut short by the stop, left out of the result${wrote}`);
      else
        resources.log(
          `${scenario.name}: ${step.label}: ${load.throughputRps.toFixed(0)} req/s, p95 ${load.latency.p95.toFixed(1)} ms, errors ${(load.requests.errorRate * 100).toFixed(2)}%${load.generator.bottleneck ? ' [generator bottleneck]' : ''}${wrote}`,
        );
      const sent = statements.of(step.label);
      return {
        label: step.label,
        params: stepParams(step),
        load,
        measurements,
        ...(writes && { writes }),
        ...(sent && { statements: sent }),
      };
    };
    /** The step's share of the acknowledged writes, after checking all of them so far against the database. */
    const checkWrites = async (
      step: PlannedStep,
      from: WriteCounts,
      elapsedMs: number,
    ): Promise<StepWrites | undefined> => {
      const now = state.writes.snapshot();
      if (now.created + now.transitions === 0) return undefined;
      const report = await checkAcknowledgedWrites(database.pool, state.writes, Number.POSITIVE_INFINITY);
      // Each step checks every write so far; a loss is reported once, at the step that found it.
      const found = newlyLost(report);
      options.writesChecked({
        state: found.length === 0 ? 'passed' : 'failed',
        checked: report.checked,
        violations: found.map((v) => ({ ...v, invariant: `${scenario.name}/${step.label}: ${v.invariant}` })),
      });
      const enrollments = now.enrollments - from.enrollments;
      return {
        created: now.created - from.created,
        transitions: now.transitions - from.transitions,
        enrollments,
        enrollmentsPerMinute: Math.round((enrollments / Math.max(1, elapsedMs)) * 60_000 * 10) / 10,
        racedRejections: now.racedRejections - from.racedRejections,
        lost: found.reduce((sum, violation) => sum + violation.count, 0),
      };
    };
    return {
      async run(step) {
        resources.log(
          `${scenario.name}: ${step.label} (${Math.round(step.loadMs / 1000)} s, ${repetitions} repetitions)`,
        );
        loadStartedMs = performance.now();
        if (!extensible) return finish(step, await loadStep(step, {}));
        // Recorded into a recorder of ours, so --until-decided can add repetitions to it.
        const recorder = new RunRecorder(loadStartedMs, { durationMs: settings.stepDurationMs, repetitions });
        const base = await loadStep(step, { record: { recorder } });
        return finish(
          step,
          await extendUntilDecided({
            resources,
            scenario,
            profile,
            step,
            base,
            recorder,
            repetitions,
            load: (part) => loadStep(step, part),
          }),
        );
      },
      pid: service.pid,
      url: service.url,
      context,
      load: (step, part) => {
        if (part.phase !== 'measured') loadStartedMs = performance.now();
        return loadStep(step, part);
      },
      finish,
      async close() {
        try {
          const { functionCalls: _calls, statementsAvailable: _available, ...server } = await sampler.finish();
          return server;
        } finally {
          await service.stop();
        }
      },
    };
  } catch (error: unknown) {
    await service.stop();
    throw error;
  }
}

/** Starts the service on a database, runs the steps, stops it; returns the steps and the server sample. */
export async function runStepsOnService(
  options: StepsOnServiceOptions,
): Promise<{ steps: StepResult[]; server: ServerSample }> {
  const session = await openScenarioService(options);
  const steps: StepResult[] = [];
  try {
    for (const [index, step] of options.steps.entries()) {
      const result = options.resources.stopped() ? undefined : await session.run(step);
      // A step a stop cut short is left out, not judged on part of its load.
      if (result === undefined || options.resources.stopped()) {
        options.resources.leaveUnfinished(
          options.scenario.name,
          options.steps.slice(index).map((planned) => planned.label),
        );
        break;
      }
      steps.push(result);
    }
  } catch (error: unknown) {
    await session.close().catch(() => undefined);
    throw error;
  }
  return { steps, server: await session.close() };
}

/** concurrent-users, operations, open-model: every step on one dataset. */
export async function executeServiceScenario(
  resources: RunResources,
  scenario: Scenario,
  profile: ProfileName,
): Promise<ScenarioOutcome> {
  const planned = planSteps(scenario, profile);
  return runScenarioPhases(resources, async (databases) => {
    const database = await databases.open(profileOf(scenario, profile).referrals[0] as number, 'optimized');
    const { steps, server } = await runStepsOnService({
      resources,
      scenario,
      profile,
      steps: planned,
      database,
      writesChecked: databases.checked,
    });
    return { name: scenario.name, state: resources.stopped() ? 'interrupted' : 'completed', steps, server };
  });
}
