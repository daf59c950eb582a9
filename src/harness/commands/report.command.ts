/**
 * `referral-bench report`: re-renders the four report files from a stored result.json, or, given
 * two, renders them side by side (summary-compare.md and compare.html).
 */
import type { Command } from 'commander';
import { HarnessError } from '../../core/errors.js';
import { compareRuns } from '../compare/compare-runs.js';
import { writeComparison } from '../compare/write-comparison.js';
import { readStoredResult } from '../result/read-result.js';
import type { RunResult } from '../result/run-result.schema.js';
import { writeReports, type WrittenReports } from '../report/write-reports.js';

export interface ReportOptions {
  /** A run folder holding result.json, or the result.json file itself. */
  readonly input: string;
  /** Reports root: files go to <out>/<run-id>/ and <out>/latest. @default 'reports' */
  readonly out: string;
}

/** Library form of the command: validates the stored result first; a bad file is a usage error naming the field. */
export async function runReport(options: ReportOptions): Promise<WrittenReports> {
  return writeReports(await readStoredResult(options.input), options.out);
}

export interface CompareOptions {
  /** The first run (A): a run folder or its result.json. */
  readonly a: string;
  /** The second run (B), compared with A. */
  readonly b: string;
  /** The folder summary-compare.md and compare.html are written into. */
  readonly out: string;
}

/** Library form of the two-result mode: both results validated, then compared; returns the files written. */
export async function runCompareReport(options: CompareOptions): Promise<readonly string[]> {
  const a = await readSide('first', options.a);
  const b = await readSide('second', options.b);
  return writeComparison(compareRuns(a, b), options.out);
}

/** Reads one side, saying which argument a bad file was. */
async function readSide(which: 'first' | 'second', input: string): Promise<RunResult> {
  try {
    return await readStoredResult(input);
  } catch (error: unknown) {
    if (error instanceof HarnessError)
      throw new HarnessError(error.code, `${which} result: ${error.message}`, { cause: error });
    throw error;
  }
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'Re-render summary.md, index.html, junit.xml and result.json from a stored result; given two, render them side by side.',
    )
    .argument('<result>', 'a run folder (reports/<run-id>) or its result.json')
    .argument(
      '[other]',
      'a second result: writes summary-compare.md and compare.html into --out, comparing it (B) with the first (A)',
    )
    .option(
      '--out <dir>',
      'reports root: writes <dir>/<run-id>/ and points <dir>/latest at it; with two results, the folder for the comparison',
      'reports',
    )
    .addHelpText(
      'after',
      `
Two results are compared descriptively: two runs of different hours are no A/B test. Where both carry
a figure's repetitions, its change is the offline gate's (gate <A> <B>); use gate --base/--head to decide.`,
    )
    .action(async (input: string, other: string | undefined, options: { out: string }) => {
      if (other !== undefined) {
        const files = await runCompareReport({ a: input, b: other, out: options.out });
        process.stderr.write(`wrote ${files.join(', ')}\n`);
        return;
      }
      const written = await runReport({ input, out: options.out });
      process.stderr.write(`wrote ${written.files.length} files to ${written.dir} (latest: ${written.latest})\n`);
    });
}
