/** `referral-bench gate`: the CI regression gate, comparing a candidate run with a baseline run. */
import type { Command } from 'commander';
import { ExitCode } from '../errors.js';
import { compareResults, type GateResult } from '../gate/compare-results.js';
import { readStoredResult } from '../result/read-result.js';
import { parseIntegerInRange } from './options.js';

export interface GateCommandOptions {
  readonly baseline: string;
  readonly candidate: string;
  /** @default 10 */
  readonly noiseThresholdPct?: number;
}

/** Library form: reads and validates both results, then compares them. */
export async function runGate(options: GateCommandOptions): Promise<GateResult> {
  const baseline = await readStoredResult(options.baseline);
  const candidate = await readStoredResult(options.candidate);
  return compareResults(baseline, candidate, options.noiseThresholdPct === undefined ? {} : { noiseThresholdPct: options.noiseThresholdPct });
}

export function registerGate(program: Command): void {
  program
    .command('gate')
    .description('Fail (exit 1) when a candidate run regressed against a baseline run beyond noise.')
    .argument('<baseline>', 'baseline run folder or result.json')
    .argument('<candidate>', 'candidate run folder or result.json')
    .option('--noise-threshold <pct>', 'a figure must be worse by more than this percent to count', parseIntegerInRange(0, 1000), 10)
    .option('--json', 'print the comparison as JSON on stdout', false)
    .action(async (baseline: string, candidate: string, options: { noiseThreshold: number; json: boolean }) => {
      const result = await runGate({ baseline, candidate, noiseThresholdPct: options.noiseThreshold });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        for (const r of result.regressions) {
          process.stdout.write(`REGRESSION ${r.label}: ${r.baseline} -> ${r.candidate} ${r.unit} (${r.worsePct?.toFixed(1) ?? '?'}% worse; ${r.note})\n`);
        }
        process.stdout.write(`${result.passed ? 'PASS' : 'FAIL'}: ${result.regressions.length} regression(s) in ${result.comparisons.length} compared figures\n`);
      }
      process.exitCode = result.passed ? ExitCode.ok : ExitCode.targetFailed;
    });
}
