/** Builds minimal run slices for target-evaluation tests: only the figures a test names are set. */
import type { LoadRunResult } from '../../../src/harness/measure/load-result.js';
import type { RunResult, ScenarioResult, StepResult } from '../../../src/harness/result/run-result.schema.js';

const latency = { count: 100, min: 1, mean: 10, stddev: 2, p50: 9, p75: 11, p90: 13, p95: 15, p99: 20, p999: 25, max: 30 };
const requests = { total: 100, ok: 100, expectedRejections: 0, errors: {}, errorRate: 0 };

/** A completed closed-model load run; override any part. */
export function loadRun(overrides: { latency?: Partial<LoadRunResult['latency']>; errorRate?: number; bottleneck?: string[]; state?: 'errored'; error?: string } = {}): LoadRunResult {
  return {
    state: overrides.state ?? 'completed',
    ...(overrides.error !== undefined && { error: overrides.error }),
    runner: 'autocannon', mode: 'closed', durationMs: 1000, concurrency: 10, throughputRps: 100,
    requests: { ...requests, errorRate: overrides.errorRate ?? 0 },
    latency: { ...latency, ...overrides.latency },
    perRoute: {}, timeline: [],
    generator: { bottleneck: (overrides.bottleneck ?? []).length > 0, reasons: overrides.bottleneck ?? [], cpuPercentMean: 20, cpuPercentMax: 40, eventLoopDelayP99Ms: 2 },
  };
}

export function step(label: string, parts: { load?: LoadRunResult; measurements?: Record<string, number> } = {}): StepResult {
  return { label, params: {}, ...(parts.load && { load: parts.load }), measurements: parts.measurements ?? {} };
}

export function scenario(name: string, steps: StepResult[], extra: Partial<ScenarioResult> = {}): ScenarioResult {
  return { name, state: 'completed', steps, ...extra };
}

export function run(scenarios: ScenarioResult[]): Pick<RunResult, 'profile' | 'scenarios'> {
  return { profile: 'quick', scenarios };
}
