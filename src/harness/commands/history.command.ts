/** `referral-bench history <dir>`: trend and change points of every figure across one branch's stored results. */
import type { Command } from 'commander';
import { summaryLine } from '../history/history-wording.js';
import { runHistory } from '../history/run-history.js';
import { historyJson } from '../history/write-history-reports.js';

interface HistoryFlags {
  readonly out?: string;
  readonly json: boolean;
}

/** Registers `history <dir> [--out DIR] [--json]`. */
export function registerHistory(program: Command): void {
  program
    .command('history')
    .description('Trend and change points (E-Divisive means) of every figure across the stored results of one branch.')
    .argument(
      '<dir>',
      'folder of stored results: <dir>/<run-id>/result.json (as run writes them), or result .json files directly in it',
    )
    .option('--out <dir>', 'folder for history.json, history.md, history.html (default <dir>/history)')
    .option('--json', 'print history.json on stdout', false)
    .addHelpText(
      'after',
      `
Results written before repetitions existed (schemaVersion 1) or invalid are refused, listed and left out.
Exit codes: 0 the history was written; 2 fewer than 2 usable results, or a bad folder.`,
    )
    .action(async (dir: string, options: HistoryFlags) => {
      const log = (line: string) => process.stderr.write(`${line}\n`);
      const { analysis, paths } = await runHistory({
        dir,
        ...(options.out === undefined ? {} : { out: options.out }),
        log,
      });
      log(summaryLine(analysis));
      log(`wrote ${paths.json}, ${paths.markdown}, ${paths.html}`);
      if (options.json) process.stdout.write(historyJson(analysis));
    });
}
