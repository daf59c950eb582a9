/**
 * `referral-bench merge`: one result from several load generators that ran the same scenarios at
 * the same time against one service (k6 cannot merge across its instances; the HDR histograms in
 * our results can be).
 */
import type { Command } from 'commander';
import { badFlag } from '../../core/errors.js';
import { mergeResults } from '../merge/merge-results.js';
import { readStoredResult } from '../result/read-result.js';
import type { RunResult } from '../result/run-result.schema.js';
import { writeReports, type WrittenReports } from '../report/write-reports.js';

export interface MergeOptions {
  /** Run folders or result.json files, two or more. */
  readonly inputs: readonly string[];
  /** Reports root: files go to <out>/<run-id>/ and <out>/latest. @default 'reports' */
  readonly out: string;
}

/** Library form of the command: reads and validates every result, merges them, writes the four report files. */
export async function runMerge(
  options: MergeOptions,
): Promise<{ readonly result: RunResult; readonly written: WrittenReports }> {
  if (options.inputs.length < 2)
    throw badFlag('<results...>', `merge needs two results or more, got ${options.inputs.length}`);
  const stored = [];
  for (const file of options.inputs) stored.push({ file, result: await readStoredResult(file) });
  const result = mergeResults(stored);
  return { result, written: await writeReports(result, options.out) };
}

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description(
      'Merge the results of several load generators that ran the same scenarios at the same time against one service, and render the reports.',
    )
    .argument('<results...>', 'two or more run folders (reports/<run-id>) or result.json files')
    .option('--out <dir>', 'reports root: writes <dir>/<run-id>-merged/ and points <dir>/latest at it', 'reports')
    .addHelpText(
      'after',
      `
Each load step's latency histograms are added up and its percentiles recomputed from the sum (never
averaged); request counts, errors and rates are summed; the merged result is judged again. Results
must have run the same profile, repetitions, scenarios and steps with the built-in runners (k6 keeps
no histograms), and generators that split the target (run --generator i/n) must be its n shares,
once each; else merge exits 2 naming the file (RESULTS_MISMATCH).
Exit codes: those of the merged run (0 passed, 1 a target failed, 3 untrustworthy); 2 a usage error.`,
    )
    .action(async (inputs: string[], options: { out: string }) => {
      const { result, written } = await runMerge({ inputs, out: options.out });
      process.stderr.write(
        `merged ${inputs.length} results: ${result.verdict}; wrote ${written.files.length} files to ${written.dir} (latest: ${written.latest})\n`,
      );
      process.exitCode = result.exitCode;
    });
}
