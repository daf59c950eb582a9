/**
 * Runs a scenario's k6 script (bundled by esbuild) with `k6 run --summary-export` and converts
 * k6's summary into a LoadRunResult. Needs `k6` on PATH; says so clearly when it is not there.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import pidusage from 'pidusage';
import { HarnessError } from '../../core/errors.js';
import { assessGeneratorHealth, defaultBottleneckLimits } from '../measure/generator-health.js';
import type { GeneratorSamples } from '../measure/generator-monitor.js';
import type { LoadRunResult } from '../result/load-result.schema.js';
import { assertLoadTarget, type LoadTarget } from './load-bounds.js';
import { buildK6Bundles } from './k6-bundle.js';
import { k6SummaryToLoadRunResult, k6TrendStats, measuredRate, type K6SummaryExport } from './k6-summary.js';
import type { Scenario } from '../../../scenarios/scenario-schema.js';
import { formatLimits, openMeasuredMs, type K6Limit } from '../../../scenarios/k6/lib/k6-options.js';
import type { ScenarioContext } from '../../../scenarios/scenario-context.js';
import type { LoadState } from '../../../scenarios/stateful-writes.js';
import { acknowledgementMarker, type AcknowledgedWrite } from '../../../scenarios/acknowledged-writes.js';

export interface K6RunOptions extends LoadTarget {
  /** Concurrent users (closed model) or arrivals per second (open model). */
  readonly level: number;
  /** The seeded data the script's requests use. */
  readonly context: ScenarioContext;
  /** Per-route steps: only this journey route. */
  readonly route?: string;
  /** Load before the measured load, left out of the figures. @default 0 */
  readonly warmupMs?: number;
  /** Repetitions the measured load is cut into. @default 1 */
  readonly repetitions?: number;
  /**
   * The pools and write log of the database under load: the script starts from the pools' view of
   * the referrals, and the writes k6 saw acknowledged are replayed into both afterwards.
   */
  readonly state?: LoadState;
  /** What k6 judges the step on: the limits its target rows set (targets/step-limits.ts). @default none */
  readonly limits?: readonly K6Limit[];
  /** The k6 executable. @default 'k6' (looked up on PATH) */
  readonly k6Binary?: string;
}

/** The acknowledged writes a k6 run logged (`--log-format json`, one console line each). */
export function readAcknowledgedWrites(log: string): AcknowledgedWrite[] {
  const writes: AcknowledgedWrite[] = [];
  for (const line of log.split('\n')) {
    let message = line;
    try {
      const entry = JSON.parse(line) as { msg?: unknown };
      if (typeof entry.msg === 'string') message = entry.msg;
    } catch {
      // a plain-text line: read it as it is
    }
    const at = message.indexOf(`${acknowledgementMarker} `);
    if (at < 0) continue;
    writes.push(JSON.parse(message.slice(at + acknowledgementMarker.length + 1)) as AcknowledgedWrite);
  }
  return writes;
}

const installHint =
  'install k6 (https://grafana.com/docs/k6/latest/set-up/install-k6/) or use the built-in runner (--runner builtin)';

/** Runs `k6 version`; throws PROVIDER_UNAVAILABLE when k6 is not on PATH. */
export async function assertK6Available(k6Binary = 'k6'): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(k6Binary, ['version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new HarnessError(
              'PROVIDER_UNAVAILABLE',
              `k6 is not on PATH ('${k6Binary}' was not found): ${installHint}`,
              { cause: error },
            )
          : new HarnessError('PROVIDER_UNAVAILABLE', `k6 could not be started: ${error.message}`, { cause: error }),
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve(output.trim());
      else
        reject(new HarnessError('PROVIDER_UNAVAILABLE', `'${k6Binary} version' exited with ${code}: ${installHint}`));
    });
  });
}

/** Samples the k6 process's CPU (percent of one core, like the built-in runner's) until stopped. */
function watchCpu(pid: number): { stop(): GeneratorSamples } {
  const samples: number[] = [];
  const timer = setInterval(() => {
    pidusage(pid).then(
      (stat) => {
        samples.push(stat.cpu);
      },
      () => undefined,
    );
  }, 500);
  return {
    stop(): GeneratorSamples {
      clearInterval(timer);
      void pidusage.clear();
      const mean = samples.length === 0 ? 0 : samples.reduce((sum, value) => sum + value, 0) / samples.length;
      // k6 schedules in Go, with no event loop of ours to watch.
      return { cpuPercents: samples, cpuPercentOverall: mean, eventLoopDelayP99Ms: 0 };
    },
  };
}

/** Runs one step of `scenario` under k6 and returns its LoadRunResult. */
export async function runK6(scenario: Scenario, options: K6RunOptions): Promise<LoadRunResult> {
  const url = assertLoadTarget(options);
  const k6Binary = options.k6Binary ?? 'k6';
  await assertK6Available(k6Binary);
  const work = await mkdtemp(join(tmpdir(), 'referral-bench-k6-'));
  try {
    const bundles = await buildK6Bundles(join(work, 'dist'));
    const script = bundles.find((bundle) => bundle.endsWith(`/${scenario.name}.js`));
    if (script === undefined) throw new HarnessError('BAD_SCENARIO', `no k6 script scenarios/k6/${scenario.name}.ts`);
    const contextFile = join(work, 'context.json');
    const summaryFile = join(work, 'summary.json');
    const logFile = join(work, 'k6.log');
    await writeFile(
      contextFile,
      JSON.stringify(options.state ? options.state.pools.toContext(options.context) : options.context),
    );
    const repetitions = options.repetitions ?? 1;
    // The measured load as the script will cut it (the open model's capped by the count bound,
    // warm-up arrivals included): its repetitions' tags and the summary's rates use this length.
    const durationMs =
      scenario.load.model === 'open'
        ? openMeasuredMs({
            durationMs: options.durationMs,
            warmupMs: options.warmupMs ?? 0,
            maxRequests: options.maxRequests,
            level: options.level,
          })
        : options.durationMs;
    const env = {
      BASE_URL: url.href,
      CONTEXT_FILE: contextFile,
      LEVEL: String(options.level),
      WARMUP_MS: String(options.warmupMs ?? 0),
      DURATION_MS: String(durationMs),
      MAX_REQUESTS: String(options.maxRequests),
      REPETITIONS: String(repetitions),
      ROUTE: options.route ?? '',
      LIMITS: formatLimits(options.limits ?? []),
    };
    const args = [
      'run',
      '--quiet',
      '--no-color',
      '--summary-export',
      summaryFile,
      '--summary-trend-stats',
      k6TrendStats,
      '--log-output',
      `file=${logFile}`,
      '--log-format',
      'json',
      ...Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]),
      script,
    ];
    const child = spawn(k6Binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const cpu = watchCpu(child.pid ?? 0);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    const samples = cpu.stop();
    // 99: thresholds crossed; the summary is still complete and the targets judge it.
    if (code !== 0 && code !== 99)
      throw new HarnessError('PROVIDER_FAILED', `k6 exited with ${code}: ${stderr.trim()}`);
    const summary = JSON.parse(await readFile(summaryFile, 'utf8')) as K6SummaryExport;
    if (options.state) {
      // Without the log the writes k6 saw cannot be checked: that is a failed run, not a clean one.
      const log = await readFile(logFile, 'utf8').catch((error: unknown) => {
        throw new HarnessError(
          'PROVIDER_FAILED',
          `k6 wrote no log at ${logFile}, so its acknowledged writes cannot be checked`,
          { cause: error },
        );
      });
      for (const write of readAcknowledgedWrites(log)) {
        options.state.writes.replay(write);
        if (write.kind === 'created') options.state.pools.add(write.organizationId, write.id);
        else if (write.kind === 'transitioned') options.state.pools.observe(write.id, write.state);
      }
    }
    const rates =
      scenario.load.model === 'open'
        ? { askedRate: options.level, achievedRate: measuredRate(summary, durationMs) }
        : undefined;
    return k6SummaryToLoadRunResult(summary, {
      mode: scenario.load.model,
      ...(scenario.load.model === 'closed' ? { concurrency: options.level } : {}),
      durationMs,
      routes: [...new Set(scenario.journey.map((step) => step.route))].filter(
        (route) => options.route === undefined || route === options.route,
      ),
      repetitions,
      // k6 is multi-threaded: it saturates when every core is busy.
      generator: assessGeneratorHealth(samples, rates, {
        ...defaultBottleneckLimits,
        cpuPercent: defaultBottleneckLimits.cpuPercent * availableParallelism(),
      }),
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
