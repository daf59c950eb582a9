/**
 * --until-decided: a step whose rows are still inconclusive after its planned repetitions may run
 * more, as many as the spread seen says a decision needs, within a budget of extra load shared by
 * the whole run: more pairs for a paired step (interleaved-pairs.ts), more repetitions of the same
 * length for an open-model step (extendUntilDecided below). Rows whose decision would need more
 * than a step may take are left inconclusive at once rather than spending the budget on them.
 *
 * Extending on what the first pairs showed is a sequential look, which makes a 95% interval a
 * little too narrow; the extensions are capped (at most twice, to at most four times the planned
 * pairs) so the effect stays small, and the result records that a step was extended.
 */
import type { ProfileName, Scenario } from '../../../scenarios/scenario-schema.js';
import type { PlannedStep } from '../../../scenarios/step-plan.js';
import type { LoadRunResult } from '../result/load-result.schema.js';
import type { StepResult } from '../result/run-result.schema.js';
import type { TargetDefinition } from '../targets/target-definition.js';
import type { RunRecorder } from '../measure/run-recorder.js';
import { mergeGeneratorHealth } from '../measure/generator-health.js';
import type { ScenarioStepOptions } from '../runners/run-scenario-step.js';
import type { RunResources } from './run-resources.js';
import { evaluateTargets } from '../targets/evaluate-targets.js';
import { judgedTargets } from '../targets/judged-targets.js';

/** The run's extra load for extensions, spent as steps use it. */
export class ExtensionBudget {
  #remainingMs: number;

  constructor(totalMs: number) {
    this.#remainingMs = Math.max(0, totalMs);
  }

  get remainingMs(): number {
    return this.#remainingMs;
  }

  spend(ms: number): void {
    this.#remainingMs = Math.max(0, this.#remainingMs - ms);
  }
}

/** A step's planned pairs may grow to at most this many times their number. */
export const maxGrowth = 4;
/** Looks at the data after the planned pairs: the first extension, and one to correct it. */
export const maxExtensions = 2;

/** The rows a set of steps of one scenario decides alone (every step they read is among them). */
export function rowsOfSteps(
  scenario: string,
  labels: readonly string[],
  definitions: readonly TargetDefinition[] = judgedTargets,
): TargetDefinition[] {
  const own = new Set(labels);
  return definitions.filter(({ measure }) => {
    if (measure.scenario !== scenario) return false;
    if (measure.kind === 'change') return own.has(measure.before) && own.has(measure.after);
    if (measure.kind === 'step' || measure.kind === 'reduction') return own.has(measure.step);
    return false;
  });
}

/**
 * The pairs the steps' inconclusive rows need in all, judged on the loads so far: the largest
 * need among rows that could be decided within `maxPairs`; 0 when every row is decided or none
 * can be within reach.
 */
export function pairsToDecide(
  scenario: Scenario,
  profile: ProfileName,
  loads: readonly (readonly [PlannedStep, LoadRunResult])[],
  maxPairs: number,
): { pairs: number; rows: string[] } {
  const steps = loads.map(([step, load]) => ({ label: step.label, params: {}, load, measurements: {} }));
  return repetitionsToDecide(scenario, profile, steps, maxPairs);
}

/** pairsToDecide over step results as they stand (a step judged on its samples, such as before-after's). */
export function repetitionsToDecide(
  scenario: Scenario,
  profile: ProfileName,
  steps: readonly StepResult[],
  maxPairs: number,
): { pairs: number; rows: string[] } {
  const rows = rowsOfSteps(
    scenario.name,
    steps.map((step) => step.label),
  );
  if (rows.length === 0) return { pairs: 0, rows: [] };
  const evaluated = evaluateTargets(
    { profile, scenarios: [{ name: scenario.name, state: 'completed', steps: [...steps] }] },
    rows,
  );
  const reachable = evaluated.filter(
    (row) => row.verdict === 'inconclusive' && row.neededRepetitions !== undefined && row.neededRepetitions <= maxPairs,
  );
  return {
    pairs: Math.max(0, ...reachable.map((row) => row.neededRepetitions as number)),
    rows: reachable.map((row) => row.id),
  };
}

/** What extendUntilDecided needs of the step it may extend. */
export interface Extensible {
  readonly resources: RunResources;
  readonly scenario: Scenario;
  readonly profile: ProfileName;
  readonly step: PlannedStep;
  /** The step's own load, recorded into `recorder` cut by time. */
  readonly base: LoadRunResult;
  readonly recorder: RunRecorder;
  readonly repetitions: number;
  /** Loads one more measured repetition of the step into the recorder. */
  readonly load: (
    part: Pick<ScenarioStepOptions, 'phase' | 'record' | 'seed' | 'repetitions'>,
  ) => Promise<LoadRunResult>;
}

/** One extendable step, as extendWhileUndecided drives it. */
export interface ExtensionLoop {
  readonly resources: RunResources;
  /** The repetitions (pairs) the step planned. */
  readonly planned: number;
  /** What one more repetition is expected to cost, ms of wall time (re-measured as they run). */
  readonly costMs: number;
  /** Names the step in the progress line. */
  readonly label: string;
  /** The repetitions the step's undecided rows need in all, at `count` so far (pairsToDecide). */
  readonly need: (count: number) => { pairs: number; rows: string[] };
  /** Makes room for `extra` more repetitions. */
  readonly grow: (extra: number) => void;
  /** Runs repetition `index`. */
  readonly runOne: (index: number) => Promise<void>;
}

/**
 * The shared loop of both kinds of extension: at most `maxExtensions` looks; each runs the
 * repetitions the rows need when the budget covers all of them at the cost seen so far (one at a
 * time, stopping early if the cost rises past the budget or the run was told to stop). Returns the repetitions the step has in the end.
 */
export async function extendWhileUndecided(loop: ExtensionLoop): Promise<number> {
  const { resources } = loop;
  let count = loop.planned;
  let costMs = loop.costMs;
  for (let look = 0; look < maxExtensions; look += 1) {
    const affordable = Math.floor(resources.extension.remainingMs / Math.max(1, costMs));
    if (affordable === 0) break;
    const need = loop.need(count);
    const extra = need.pairs - count;
    if (extra <= 0) break;
    // Part of what a row needs rarely decides it, and would spend the budget a later step's row
    // could be decided with: a step takes its extension whole or not at all.
    if (extra > affordable) {
      resources.log(
        `${loop.label}: ${need.rows.join(', ')} undecided after ${count} repetitions; deciding needs ${extra} more, the budget left buys ${affordable}: not extended (--until-decided)`,
      );
      break;
    }
    resources.log(
      `${loop.label}: ${need.rows.join(', ')} undecided after ${count} repetitions; up to ${extra} more (--until-decided)`,
    );
    loop.grow(extra);
    const before = performance.now();
    const remainingMs = resources.extension.remainingMs;
    let done = 0;
    while (done < extra && !resources.stopped() && remainingMs - (performance.now() - before) >= costMs) {
      await loop.runOne(count + done);
      done += 1;
    }
    const spentMs = performance.now() - before;
    resources.extension.spend(spentMs);
    if (done > 0) costMs = spentMs / done;
    count += done;
    if (done < extra) break;
  }
  return count;
}

/**
 * An open-model step whose rows are undecided runs the repetitions a decision needs, each a load of
 * one repetition's length right after the step (the service still warm), within the run's budget;
 * returns the step's load with them. An extended step is longer than planned: its durationMs says so.
 */
export async function extendUntilDecided(step: Extensible): Promise<LoadRunResult> {
  const { resources, recorder, base, repetitions } = step;
  const repetitionMs = Math.max(100, Math.round(base.durationMs / repetitions));
  const durations: number[] = [];
  const parts: LoadRunResult[] = [base];
  const current = (): LoadRunResult =>
    recorder.toResult({
      runner: base.runner,
      mode: base.mode,
      durationMs: base.durationMs + durations.reduce((sum, ms) => sum + ms, 0),
      ...(base.concurrency === undefined ? {} : { concurrency: base.concurrency }),
      generator: mergeGeneratorHealth(parts.map((part) => part.generator)),
      repetitionDurationsMs: durations,
    });
  await extendWhileUndecided({
    resources,
    planned: repetitions,
    label: `${step.scenario.name}: ${step.step.label}`,
    // One more repetition: its length and a load's start and stop.
    costMs: repetitionMs + 500,
    need: () => pairsToDecide(step.scenario, step.profile, [[step.step, current()]], repetitions * maxGrowth),
    grow: (extra) => recorder.addRepetitions(extra),
    runOne: async (index) => {
      const part = await step.load({
        phase: 'measured',
        seed: resources.config.seed + 1000 + index,
        repetitions,
        record: { recorder, repetition: index, durationMs: repetitionMs },
      });
      parts.push(part);
      durations[index] = part.durationMs;
    },
  });
  return current();
}
