/** Builds minimal run slices for target-evaluation tests: only the figures a test names are set. */
import type { LatencySummary, LoadRunResult } from '../../../src/harness/result/load-result.schema.js';
import type { RunResult, ScenarioResult, StepResult } from '../../../src/harness/result/run-result.schema.js';

const latency = {
  count: 100,
  min: 1,
  mean: 10,
  stddev: 2,
  p50: 9,
  p75: 11,
  p90: 13,
  p95: 15,
  p99: 20,
  p999: 25,
  max: 30,
};

export interface LoadRunParts {
  /** Every repetition's latency (and the whole step's). */
  readonly latency?: Partial<LatencySummary>;
  /** One entry per repetition, over `latency`: their spread is what an interval is computed from. */
  readonly repetitions?: readonly Partial<LatencySummary>[];
  /** An open-model run: each repetition's latency from the intended send, over `latency` (as many as `repetitions`). */
  readonly corrected?: readonly Partial<LatencySummary>[];
  /** Errors among the step's requests. @default 0 of 600 */
  readonly errors?: number;
  readonly total?: number;
  readonly bottleneck?: string[];
}

/** A completed closed-model load run of six identical repetitions unless told otherwise; open-model with `corrected`. */
export function loadRun(parts: LoadRunParts = {}): LoadRunResult {
  const total = parts.total ?? 600;
  const errors = parts.errors ?? 0;
  const requests = {
    total,
    ok: total - errors,
    expectedRejections: 0,
    errors: (errors > 0 ? { 'http-5xx': errors } : {}) as Record<string, number>,
    errorRate: errors / total,
  };
  const repetitions = (parts.repetitions ?? Array.from({ length: 6 }, () => ({}))).map((own, index) => ({
    index,
    durationMs: 1000,
    throughputRps: 100,
    requests,
    latency: { ...latency, ...parts.latency, ...own },
    perRoute: {},
    ...(parts.corrected && { correctedLatency: { ...latency, ...parts.latency, ...parts.corrected[index] } }),
  }));
  return {
    state: 'completed',
    runner: 'builtin',
    durationMs: 6000,
    throughputRps: 100,
    ...(parts.corrected ? { mode: 'open' as const } : { mode: 'closed' as const, concurrency: 10 }),
    requests,
    latency: { ...latency, ...parts.latency },
    perRoute: {},
    repetitions,
    timeline: [],
    generator: {
      bottleneck: (parts.bottleneck ?? []).length > 0,
      reasons: parts.bottleneck ?? [],
      cpuPercentMean: 20,
      cpuPercentMax: 40,
      eventLoopDelayP99Ms: 2,
    },
  };
}

export function step(
  label: string,
  parts: { load?: LoadRunResult; measurements?: Record<string, number>; samples?: Record<string, number[]> } = {},
): StepResult {
  return {
    label,
    params: {},
    ...(parts.load && { load: parts.load }),
    measurements: parts.measurements ?? {},
    ...(parts.samples && { samples: parts.samples }),
  };
}

export function scenario(name: string, steps: StepResult[], extra: Partial<ScenarioResult> = {}): ScenarioResult {
  return { name, state: 'completed', steps, ...extra };
}

export function run(scenarios: ScenarioResult[]): Pick<RunResult, 'profile' | 'scenarios'> {
  return { profile: 'quick', scenarios };
}
