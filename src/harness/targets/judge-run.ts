/** Completes a run's result document: target rows, generator health, verdict and exit code. */
import type { RunResult } from '../result/run-result.schema.js';
import { evaluateTargets } from './evaluate-targets.js';
import { generatorBottleneckOf, runOutcome } from './run-outcome.js';

/** What a run has measured before it is judged. */
export type UnjudgedRunResult = Omit<RunResult, 'targets' | 'generatorBottleneck' | 'verdict' | 'exitCode'>;

/** Judges a run against every spec row; the `run` command calls this before writing reports. */
export function judgeRun(measured: UnjudgedRunResult): RunResult {
  const targets = evaluateTargets(measured);
  const generatorBottleneck = generatorBottleneckOf(measured.scenarios);
  return { ...measured, targets, generatorBottleneck, ...runOutcome({ ...measured, targets, generatorBottleneck }) };
}
