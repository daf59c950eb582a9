/**
 * Paired comparisons: two (or more) sides of one step, e.g. the referral feature off and on, each
 * warmed up once, then measured as interleaved repetitions: repetition r of every side runs back to
 * back, in a random order within the pair, so drift over the run falls on every side alike.
 */
import type { PlannedStep } from '../../../scenarios/step-plan.js';
import type { ProfileName, Scenario } from '../../../scenarios/scenario-schema.js';
import { mergeGeneratorHealth } from '../measure/generator-health.js';
import { RunRecorder } from '../measure/run-recorder.js';
import type { LoadRunResult } from '../result/load-result.schema.js';
import type { StepResult } from '../result/run-result.schema.js';
import type { Prng } from '../runners/prng.js';
import type { RunResources } from './run-resources.js';
import { repetitionsOf } from '../config.js';
import type { ScenarioService } from './service-scenario.executor.js';

export interface PairedSide {
  readonly step: PlannedStep;
  readonly service: ScenarioService;
}

/** Shuffles a copy (Fisher-Yates) with the given stream. */
export function shuffled<T>(items: readonly T[], prng: Prng): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(prng() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** Runs the sides' repetitions interleaved; returns each side's step result, its repetitions paired by index. */
export async function runInterleaved(resources: RunResources, scenario: Scenario, profile: ProfileName, sides: readonly PairedSide[], order: Prng): Promise<[PlannedStep, StepResult][]> {
  const repetitions = repetitionsOf(resources.config, scenario.profiles[profile]);
  const repetitionMs = Math.max(100, Math.round(scenario.profiles[profile].stepDurationMs / repetitions));
  const labels = sides.map((side) => side.step.label).join(' and ');
  resources.log(`${scenario.name}: ${labels}: warm-up, then ${repetitions} interleaved pairs of ${(repetitionMs / 1000).toFixed(1)} s`);
  // Each pair sends its own requests (a seed of its own, the same on both sides of the pair), so
  // the repetitions sample the workload instead of replaying the warm-up's requests.
  const seed = resources.config.seed;
  for (const side of sides) await side.service.load(side.step, { phase: 'warm-up', seed });
  const startMs = performance.now();
  const recorders = sides.map(() => new RunRecorder(startMs, { durationMs: repetitionMs * repetitions, repetitions }));
  const parts: LoadRunResult[][] = sides.map(() => []);
  for (let repetition = 0; repetition < repetitions; repetition += 1) {
    for (const index of shuffled(sides.map((_, i) => i), order)) {
      const side = sides[index] as PairedSide;
      const recorder = recorders[index] as RunRecorder;
      parts[index]?.push(await side.service.load(side.step, { phase: 'measured', seed: seed + 1 + repetition, repetitions, record: { recorder, repetition, durationMs: repetitionMs } }));
    }
  }
  const results: [PlannedStep, StepResult][] = [];
  for (const [index, side] of sides.entries()) {
    const own = parts[index] as LoadRunResult[];
    const first = own[0] as LoadRunResult;
    const load = (recorders[index] as RunRecorder).toResult({
      runner: first.runner, mode: first.mode,
      durationMs: own.reduce((sum, part) => sum + part.durationMs, 0),
      ...(first.concurrency === undefined ? {} : { concurrency: first.concurrency }),
      generator: mergeGeneratorHealth(own.map((part) => part.generator)),
      repetitionDurationsMs: own.map((part) => part.durationMs),
    });
    results.push([side.step, await side.service.finish(side.step, load)]);
  }
  return results;
}
