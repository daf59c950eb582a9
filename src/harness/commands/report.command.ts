/** `referral-bench report`: re-renders the four report files from a stored result.json. */
import type { Command } from 'commander';
import { readStoredResult } from '../result/read-result.js';
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

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('Re-render summary.md, index.html, junit.xml and result.json from a stored result.')
    .argument('<result>', 'a run folder (reports/<run-id>) or its result.json')
    .option('--out <dir>', 'reports root: writes <dir>/<run-id>/ and points <dir>/latest at it', 'reports')
    .action(async (input: string, options: { out: string }) => {
      const written = await runReport({ input, out: options.out });
      process.stderr.write(`wrote ${written.files.length} files to ${written.dir} (latest: ${written.latest})\n`);
    });
}
