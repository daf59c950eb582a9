/** `referral-bench report`: re-renders the four report files from a stored result.json. */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { HarnessError } from '../errors.js';
import { validateResult } from '../result/validate-result.js';
import { writeReports, type WrittenReports } from '../report/write-reports.js';

export interface ReportOptions {
  /** A run folder holding result.json, or the result.json file itself. */
  readonly input: string;
  /** Reports root: files go to <out>/<run-id>/ and <out>/latest. @default 'reports' */
  readonly out: string;
}

/** Library form of the command: validates the stored result first; a bad file is a usage error naming the field. */
export async function runReport(options: ReportOptions): Promise<WrittenReports> {
  const file = await resultFile(options.input);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error: unknown) {
    throw new HarnessError('RESULT_INVALID', `${file}: ${error instanceof SyntaxError ? `not JSON: ${error.message}` : 'cannot be read'}`, { cause: error });
  }
  const validation = validateResult(json);
  if (!validation.valid) {
    const shown = validation.errors.slice(0, 5).join('; ');
    const more = validation.errors.length > 5 ? ` (and ${validation.errors.length - 5} more)` : '';
    throw new HarnessError('RESULT_INVALID', `${file} is not a valid result document: ${shown}${more}`);
  }
  return writeReports(validation.result, options.out);
}

async function resultFile(input: string): Promise<string> {
  const info = await stat(input).catch((error: unknown) => {
    throw new HarnessError('RESULT_INVALID', `${input}: no such file or folder`, { cause: error });
  });
  return info.isDirectory() ? join(input, 'result.json') : input;
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
