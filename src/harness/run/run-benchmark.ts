/**
 * The main job: deploy (stack up), seed, run the profile's scenarios, check invariants, judge every
 * spec target, write the reports, and tear everything down, also on failure or Ctrl-C.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { RunConfig } from '../config.js';
import { HarnessError } from '../../core/errors.js';
import { writeReports, type WrittenReports } from '../report/write-reports.js';
import type { RunResult, ScenarioResult } from '../result/run-result.schema.js';
import { loadScenario } from '../runners/scenario-loader.js';
import { createProvider } from '../stack/create-provider.js';
import { TargetProvider } from '../stack/target-provider.js';
import { ScenarioSkipped } from './target-dataset.js';
import { idleServerMemory } from '../measure/process-memory.js';
import type { StackProvider } from '../stack/stack-provider.js';
import { judgeRun } from '../targets/judge-run.js';
import { onSignalStopGracefully } from '../stack/cleanup.js';
import { builtinOnlyScenarioNames, onDemandScenarioNames, scenarioNames } from '../../../scenarios/scenario-names.js';
import type { Scenario } from '../../../scenarios/scenario-schema.js';
import { streamProgress, silentProgress } from '../../core/progress.js';
import { executeBeforeAfter } from './before-after.executor.js';
import { executeDataVolume } from './data-volume.executor.js';
import { environmentFingerprint } from './environment-fingerprint.js';
import { executeIntegrationImpact } from './integration-impact.executor.js';
import { datasetKey, RunResources } from './run-resources.js';
import { distinctDatasets, mergeInvariantReports, ScenarioFailed, type ScenarioOutcome } from './scenario-phases.js';
import type { SeedManifest } from '../../../seed/manifest.js';
import type { InvariantReport } from '../result/invariant-report.schema.js';
import { executeServiceScenario } from './service-scenario.executor.js';
import { executeBreakpoint } from './breakpoint.executor.js';
import { executeFaults } from './faults.executor.js';
import { runMicroBenchmarks } from './micro-benchmarks.js';

export interface RunOutcome {
  readonly result: RunResult;
  readonly reports: WrittenReports;
}

type Executor = (
  resources: RunResources,
  scenario: Scenario,
  profile: RunConfig['profile'],
) => Promise<ScenarioOutcome>;

const executors: Readonly<Record<string, Executor>> = {
  'data-volume': executeDataVolume,
  'integration-impact': executeIntegrationImpact,
  'before-after': executeBeforeAfter,
  breakpoint: executeBreakpoint,
  faults: executeFaults,
};

/** The schema variants the run's scenarios declare they run on, the optimized one first (the one every other scenario uses). */
function schemaVariantsOf(scenarios: readonly Scenario[]): Array<'optimized' | 'baseline'> {
  const declared = new Set(scenarios.flatMap((scenario) => scenario.schemaVariants ?? []));
  return ['optimized', ...(declared.has('baseline') ? ['baseline' as const] : [])];
}

function runIdFor(started: Date): string {
  return `${started
    .toISOString()
    .replace(/[:.]/g, '-')
    .replace(/-\d{3}Z$/, 'Z')}-${randomBytes(2).toString('hex')}`;
}

/** Validates the asked scenario names, and what the runner can run of them, before anything starts. */
export function selectScenarios(config: RunConfig): readonly string[] {
  const known: readonly string[] = [...scenarioNames, ...onDemandScenarioNames];
  for (const [index, name] of config.scenarios.entries()) {
    if (!known.includes(name)) {
      throw new HarnessError('BAD_FLAG', `--scenario: unknown scenario "${name}" (known: ${known.join(', ')})`);
    }
    if (config.scenarios.indexOf(name) !== index)
      throw new HarnessError('BAD_FLAG', `--scenario: "${name}" is named twice`);
    if (config.runner === 'k6' && builtinOnlyScenarioNames.includes(name))
      throw new HarnessError(
        'BAD_FLAG',
        `--runner k6: the ${name} scenario runs only on the built-in runner (--runner builtin), whose records it reads request by request`,
      );
  }
  return config.scenarios.length > 0 ? config.scenarios : scenarioNames;
}

/** The scenarios to load: a soak takes only those with a soak entry, and refuses a named one without. */
async function loadSelected(config: RunConfig, names: readonly string[]): Promise<Scenario[]> {
  const loaded = await Promise.all(names.map((name) => loadScenario(name)));
  if (config.profile !== 'soak') return loaded;
  const withoutSoak = loaded
    .filter((scenario) => scenario.profiles.soak === undefined)
    .map((scenario) => scenario.name);
  if (config.scenarios.length > 0 && withoutSoak.length > 0) {
    const soaking = (await Promise.all(scenarioNames.map((name) => loadScenario(name))))
      .filter((scenario) => scenario.profiles.soak)
      .map((scenario) => scenario.name);
    throw new HarnessError(
      'BAD_FLAG',
      `--scenario: ${withoutSoak.join(', ')} has no soak profile (soak runs: ${soaking.join(', ')})`,
    );
  }
  return loaded.filter((scenario) => scenario.profiles.soak !== undefined);
}

export async function runBenchmark(config: RunConfig): Promise<RunOutcome> {
  const scenarios = await loadSelected(config, selectScenarios(config));
  const names = scenarios.map((scenario) => scenario.name);

  const started = new Date();
  const runId = runIdFor(started);
  const t0 = performance.now();
  const log = (message: string) => {
    if (config.progress)
      process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
  };
  // The first SIGINT or SIGTERM stops the load and writes what finished; a second stops at once.
  const stop = new AbortController();
  let stoppedBy: 'SIGINT' | 'SIGTERM' | undefined;
  const releaseSignals = onSignalStopGracefully((signal) => {
    stoppedBy = signal === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
    stop.abort();
  });
  // On a quiet machine, before any server starts: the suite times CPU work and nothing else should run.
  const micro =
    config.microBudgetMs > 0
      ? await runMicroBenchmarks({ budgetMs: config.microBudgetMs, signal: stop.signal })
      : undefined;
  if (micro)
    log(
      `micro-benchmarks ${micro.state}: ${micro.tasks.length} tasks timed in ${(micro.durationMs / 1000).toFixed(1)} s${micro.reason ? ` (${micro.reason})` : ''}`,
    );
  const provider: StackProvider = config.target
    ? new TargetProvider(config.target.databaseUrl)
    : createProvider({
        provider: config.provider,
        ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
        ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
      });
  log(
    `run ${runId}: profile ${config.profile}, ${config.target ? `deployed target ${config.target.url}${config.target.remote ? ' (another host)' : ''}` : `provider ${config.provider}`}, scenarios ${names.join(', ')}`,
  );
  let urls;
  try {
    urls = await provider.up();
  } catch (error: unknown) {
    releaseSignals();
    await provider.down();
    throw error instanceof HarnessError
      ? error
      : new HarnessError(
          'PROVIDER_FAILED',
          `${config.provider} provider: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
  }
  try {
    log(`stack up (${config.provider})`);
    const idlePostgres = await idleServerMemory(urls.databaseUrl);
    const resources = new RunResources(
      config,
      urls.adminUrl,
      urls.redisUrl,
      log,
      config.progress ? streamProgress() : silentProgress,
      stop.signal,
      provider.restartDatabase?.bind(provider),
      idlePostgres,
      provider.startService?.bind(provider),
    );
    const results: ScenarioResult[] = [];
    // What each scenario's phases returned beside its result, failed ones' included.
    const datasets: SeedManifest[] = [];
    const invariantReports: InvariantReport[] = [];
    for (const scenario of scenarios) {
      if (resources.stopped()) {
        resources.unfinished.push(scenario.name);
        continue;
      }
      if (config.target && scenario.needsOwnService) {
        log(`${scenario.name}: skipped against a deployed target: ${scenario.needsOwnService}`);
        results.push({
          name: scenario.name,
          state: 'skipped',
          reason: `needs a service of its own (${scenario.needsOwnService}); the target was deployed`,
          steps: [],
        });
        continue;
      }
      const execute = executors[scenario.name] ?? executeServiceScenario;
      try {
        const outcome = await execute(resources, scenario, config.profile);
        datasets.push(...outcome.datasets);
        invariantReports.push(...outcome.invariants);
        results.push(outcome.result);
      } catch (failure: unknown) {
        const error = failure instanceof ScenarioFailed ? failure.cause : failure;
        if (failure instanceof ScenarioFailed) {
          datasets.push(...failure.products.datasets);
          invariantReports.push(...failure.products.invariants);
        }
        if (error instanceof HarnessError && error.exitCode === 2) throw error;
        if (error instanceof ScenarioSkipped) {
          log(`${scenario.name}: skipped: ${error.message}`);
          results.push({ name: scenario.name, state: 'skipped', reason: error.message, steps: [] });
          continue;
        }
        // A stop during the scenario's seeding or start: it did not run, it did not fail.
        if (resources.stopped()) {
          resources.unfinished.push(scenario.name);
          log(`${scenario.name}: stopped before its load: ${error instanceof Error ? error.message : String(error)}`);
          continue;
        }
        const reason = error instanceof Error ? error.message : String(error);
        log(`${scenario.name}: errored: ${reason}`);
        results.push({ name: scenario.name, state: 'errored', reason, steps: [] });
      }
    }
    const invariants = mergeInvariantReports(invariantReports);
    log(`invariants ${invariants?.state ?? 'not checked'} over ${invariantReports.length} check(s)`);
    const pool = new pg.Pool({ connectionString: urls.databaseUrl, max: 1 });
    // pool.end() resolves before its client's socket has closed: a stack going down right after
    // would end that connection with an error no one else listens for, killing the process.
    pool.on('error', () => undefined);
    const environment = await environmentFingerprint(pool, {
      provider: config.provider,
      schemaVariants: schemaVariantsOf(scenarios),
      seed: config.seed,
      cacheKind: config.target ? 'unknown' : urls.redisUrl ? 'redis' : 'memory',
      runner: config.runner,
      thinkTime: Object.fromEntries(
        scenarios.flatMap((scenario) => (scenario.load.thinkTime ? [[scenario.name, scenario.load.thinkTime]] : [])),
      ),
      ...(config.target
        ? {
            target: {
              url: config.target.url,
              remote: config.target.remote,
              ...(config.target.generator ? { generator: { ...config.target.generator } } : {}),
            },
          }
        : { serviceWorkers: config.workers }),
      ...(provider.serviceImage ? { serviceImage: provider.serviceImage } : {}),
    }).finally(() => pool.end());
    const result = judgeRun({
      schemaVersion: 5,
      repetitions: config.repetitions,
      runId,
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      profile: config.profile,
      environment,
      datasets: distinctDatasets(datasets).map((m) => ({
        referrals: m.referrals,
        seed: m.seed,
        checksum: m.checksum,
        seconds: m.timings.totalMs / 1000,
        schemaVariant: m.variant,
        // In place on a target: what it was seeded as, written to since (not a fresh clone).
        ...(config.target ? { inPlace: { seededThisRun: resources.seededHere.has(datasetKey(m)) } } : {}),
      })),
      scenarios: results,
      ...(invariants ? { invariants } : {}),
      ...(micro ? { micro } : {}),
      ...(stoppedBy ? { interrupted: { signal: stoppedBy, unfinished: [...resources.unfinished] } } : {}),
    });
    const reports = await writeReports(result, config.outDir);
    log(`verdict ${result.verdict}; reports in ${reports.dir}`);
    return { result, reports };
  } finally {
    releaseSignals();
    await provider.down();
    log('stack down');
  }
}
