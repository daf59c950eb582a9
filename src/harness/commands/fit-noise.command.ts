/** `referral-bench fit-noise <gate.json...>`: the noise model of A/A gate runs, for the gate's simulation test. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { HarnessError } from '../../core/errors.js';
import { fitGateNoise, roundedModels } from '../gate/fit-gate-noise.js';
import type { GateReport } from '../gate/gate-report.js';

async function readGateReport(path: string): Promise<{ path: string; report: GateReport }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new HarnessError('RESULT_INVALID', `${path}: cannot be read (${(error as Error).message})`);
  }
  try {
    return { path, report: JSON.parse(text) as GateReport };
  } catch {
    throw new HarnessError('RESULT_INVALID', `${path}: not JSON`);
  }
}

/** Registers `fit-noise <gate.json...>`. */
export function registerFitNoise(program: Command): void {
  program
    .command('fit-noise')
    .description(
      "Fits the gate's noise model (per-run noise, drift, slow runs) from A/A gate reports, per gated statistic, pooled over routes.",
    )
    .argument('<gate-json...>', 'gate.json files written by `referral-bench gate --aa`')
    .addHelpText(
      'after',
      `
Prints JSON: per statistic the model ({ runSd, driftSd, slowRunProbability, slowRunFactor }) and the
series and pairs it was fitted from. A report whose sides differ (not --aa, or --inject-delay) is refused.
Exit codes: 0 fitted; 2 a file is missing, not a gate report, or not an A/A one.`,
    )
    .action(async (paths: string[]) => {
      const fitted = fitGateNoise(await Promise.all(paths.map(readGateReport)));
      process.stdout.write(`${JSON.stringify({ models: roundedModels(fitted), sources: fitted.sources }, null, 2)}\n`);
    });
}
