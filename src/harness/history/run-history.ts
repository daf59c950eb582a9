/** The history of one branch's stored results, as a library call: read, refuse what cannot be compared, analyse, write. */
import { join } from 'node:path';
import { HarnessError } from '../../core/errors.js';
import { analyzeHistory } from './analyze-history.js';
import type { HistoryAnalysis } from './history-analysis.js';
import { readHistory } from './read-history.js';
import { historyReportPaths, writeHistoryReports, type HistoryReportPaths } from './write-history-reports.js';

export interface HistoryOptions {
  /** The folder of stored results: `<dir>/<run-id>/result.json`, or result files directly in it. */
  readonly dir: string;
  /** Where history.json, history.md and history.html go. @default `<dir>/history` */
  readonly out?: string;
  /** Progress, one line at a time. @default nothing */
  readonly log?: (line: string) => void;
}

export interface HistoryOutcome {
  readonly analysis: HistoryAnalysis;
  readonly paths: HistoryReportPaths;
}

/**
 * Reads every stored result in `options.dir`, analyses the usable ones and writes the three files.
 * @throws HarnessError RESULT_INVALID (exit 2) when the folder is missing or fewer than two results are usable.
 */
export async function runHistory(options: HistoryOptions): Promise<HistoryOutcome> {
  const log = options.log ?? (() => undefined);
  const out = options.out ?? join(options.dir, 'history');
  const outputs = historyReportPaths(out);
  // The history's own JSON is never a result, wherever an earlier --out put it.
  const stored = await readHistory(options.dir, { ignore: [outputs.json, historyReportPaths(options.dir).json] });
  for (const refused of stored.refused) log(`refused: ${refused.file}: ${refused.reason}`);
  for (const duplicate of stored.duplicates)
    log(`skipped: ${duplicate.file}: the same run (${duplicate.runId}) as ${duplicate.sameAs}`);
  if (stored.runs.length < 2) {
    const refused = stored.refused.length > 0 ? ` (${stored.refused.length} refused, listed above)` : '';
    throw new HarnessError(
      'RESULT_INVALID',
      `history <dir> ${options.dir}: ${stored.runs.length} usable stored result${stored.runs.length === 1 ? '' : 's'}${refused}; a history needs at least 2 (<dir>/<run-id>/result.json, as run writes them)`,
    );
  }
  log(`read ${stored.runs.length} results from ${options.dir}`);
  const analysis = analyzeHistory(stored);
  const paths = await writeHistoryReports(analysis, out);
  return { analysis, paths };
}
