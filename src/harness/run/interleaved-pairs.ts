/**
 * Paired comparisons: two (or more) sides of one step, e.g. the referral feature off and on, each
 * warmed up once, then measured as interleaved repetitions: repetition r of every side runs back to
 * back, in a random order within the pair, so drift over the run falls on every side alike.
 */
import type { PlannedStep } from '../../../scenarios/step-plan.js';
import { profileOf, type ProfileName, type Scenario } from '../../../scenarios/scenario-schema.js';
import { mergeGeneratorHealth } from '../measure/generator-health.js';
import { RunRecorder } from '../measure/run-recorder.js';
import type { LoadRunResult } from '../result/load-result.schema.js';
import type { StepResult } from '../result/run-result.schema.js';
import { shuffled, type Prng } from '../../core/prng-function.js';
import type { RunResources } from './run-resources.js';
import { repetitionsOf } from '../config.js';
import { extendWhileUndecided, maxGrowth, pairsToDecide } from './until-decided.js';
import type { ScenarioService } from './service-scenario.executor.js';

export interface PairedSide {
  readonly step: PlannedStep;
  readonly service: ScenarioService;
}

/**
 * Runs the sides' repetitions interleaved; returns each side's step result, its repetitions paired
 * by index. When the run has an extension budget (--until-decided) and the sides' rows are still
 * inconclusive, more pairs follow, as many as a decision needs (see until-decided.ts).
 */
export async function runInterleaved(
  resources: RunResources,
  scenario: Scenario,
  profile: ProfileName,
  sides: readonly PairedSide[],
  order: Prng,
): Promise<[PlannedStep, StepResult][]> {
  const repetitions = repetitionsOf(resources.config, profileOf(scenario, profile));
  const repetitionMs = Math.max(100, Math.round(profileOf(scenario, profile).stepDurationMs / repetitions));
  const labels = sides.map((side) => side.step.label).join(' and ');
  resources.log(
    `${scenario.name}: ${labels}: warm-up, then ${repetitions} interleaved pairs of ${(repetitionMs / 1000).toFixed(1)} s`,
  );
  // Each pair sends its own requests (a seed of its own, the same on both sides of the pair), so
  // the repetitions sample the workload instead of replaying the warm-up's requests.
  const seed = resources.config.seed;
  for (const side of sides) await side.service.load(side.step, { phase: 'warm-up', seed });
  const startMs = performance.now();
  const recorders = sides.map(() => new RunRecorder(startMs, { durationMs: repetitionMs * repetitions, repetitions }));
  const parts: LoadRunResult[][] = sides.map(() => []);
  /** Runs pair `repetition`: each side once, in a random order. */
  const runPair = async (repetition: number): Promise<void> => {
    for (const index of shuffled(
      sides.map((_, i) => i),
      order,
    )) {
      const side = sides[index] as PairedSide;
      const recorder = recorders[index] as RunRecorder;
      // `repetitions` stays the planned count: it splits the step's request bound per pair.
      parts[index]?.push(
        await side.service.load(side.step, {
          phase: 'measured',
          seed: seed + 1 + repetition,
          repetitions,
          record: { recorder, repetition, durationMs: repetitionMs },
        }),
      );
    }
  };
  const plannedStartMs = performance.now();
  for (let repetition = 0; repetition < repetitions && !resources.stopped(); repetition += 1) await runPair(repetition);
  const loadOf = (index: number): LoadRunResult => {
    const own = parts[index] as LoadRunResult[];
    const first = own[0] as LoadRunResult;
    return (recorders[index] as RunRecorder).toResult({
      runner: first.runner,
      mode: first.mode,
      durationMs: own.reduce((sum, part) => sum + part.durationMs, 0),
      ...(first.concurrency === undefined ? {} : { concurrency: first.concurrency }),
      generator: mergeGeneratorHealth(own.map((part) => part.generator)),
      repetitionDurationsMs: own.map((part) => part.durationMs),
    });
  };
  const pairs = await extendWhileUndecided({
    resources,
    planned: repetitions,
    label: `${scenario.name}: ${labels}`,
    // What a pair really costs here (its loads' start and stop included), to keep within the budget.
    costMs: (performance.now() - plannedStartMs) / repetitions,
    need: () =>
      pairsToDecide(
        scenario,
        profile,
        sides.map((side, index) => [side.step, loadOf(index)] as const),
        repetitions * maxGrowth,
      ),
    grow: (extra) => {
      for (const recorder of recorders) recorder.addRepetitions(extra);
    },
    runOne: runPair,
  });
  const results: [PlannedStep, StepResult][] = [];
  for (const [index, side] of sides.entries()) {
    const result = await side.service.finish(side.step, loadOf(index));
    // An extended step says so: its pairs beyond the planned ones were a second look at the data.
    results.push([
      side.step,
      pairs === repetitions ? result : { ...result, params: { ...result.params, plannedPairs: repetitions, pairs } },
    ]);
  }
  return results;
}
