/**
 * The run's verdict and exit code from its target rows and health. 'not-measured' rows do not
 * fail a run (a quick profile skips the big tiers on purpose). Exit codes follow errors.ts:
 * 0 no measured target missed (warnings and inconclusive rows included), 1 a target missed, an invariant broken
 * or a fault's goal not met under load,
 * 3 the run cannot be trusted: the generator was the bottleneck, a scenario errored, or every scenario was skipped.
 */
import { ExitCode } from '../../core/errors.js';
import type { RunResult, RunVerdict } from '../result/run-result.schema.js';

type RunHealth = Pick<RunResult, 'targets' | 'scenarios' | 'invariants' | 'generatorBottleneck' | 'interrupted'>;

/** The exit code of a run stopped by each signal (128 + the signal's number, as shells report it). */
export const interruptedExitCodes = { SIGINT: 130, SIGTERM: 143 } as const;

export function runOutcome(run: RunHealth): { verdict: RunVerdict; exitCode: RunResult['exitCode'] } {
  // A stopped run says so first: its figures are judged, but it is not a complete run.
  if (run.interrupted) return { verdict: 'interrupted', exitCode: interruptedExitCodes[run.interrupted.signal] };
  // A run whose every scenario was skipped (a deployed target that can run none of them) measured nothing: no pass.
  const nothingRan = run.scenarios.length > 0 && run.scenarios.every((scenario) => scenario.state === 'skipped');
  if (
    nothingRan ||
    run.generatorBottleneck.bottleneck ||
    run.scenarios.some((scenario) => scenario.state === 'errored')
  ) {
    return { verdict: 'error', exitCode: ExitCode.infrastructure };
  }
  const faultMissed = run.scenarios.some((scenario) => (scenario.faults ?? []).some((fault) => fault.met === false));
  if (run.invariants?.state === 'failed' || faultMissed || run.targets.some((row) => row.verdict === 'fail')) {
    return { verdict: 'fail', exitCode: ExitCode.targetFailed };
  }
  // Undecided rows do not fail a run, but they are never hidden: the run says it is inconclusive.
  if (run.targets.some((row) => row.verdict === 'inconclusive'))
    return { verdict: 'inconclusive', exitCode: ExitCode.ok };
  return { verdict: run.targets.some((row) => row.verdict === 'warn') ? 'warn' : 'pass', exitCode: ExitCode.ok };
}

/**
 * Whether any load step's generator limited the run, with '<scenario>/<step>: <reasons>' lines. A
 * capacity search that stopped at the generator's limit found what it looked for: its last step
 * is its finding, not an untrustworthy measurement.
 */
export function generatorBottleneckOf(scenarios: RunResult['scenarios']): RunResult['generatorBottleneck'] {
  const reasons = scenarios.flatMap((scenario) =>
    scenario.steps.flatMap((step, index) => {
      const finding = scenario.capacity?.stoppedBy === 'generator' && index === scenario.steps.length - 1;
      return step.load?.generator.bottleneck && !finding
        ? [`${scenario.name}/${step.label}: ${step.load.generator.reasons.join(', ') || 'no reason given'}`]
        : [];
    }),
  );
  return { bottleneck: reasons.length > 0, reasons };
}
