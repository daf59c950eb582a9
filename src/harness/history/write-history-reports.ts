/** Writes a history's three files into its folder: history.json, history.md and history.html. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { badFlag } from '../../core/errors.js';
import { readChartJsSource } from '../report/chart-js-source.js';
import type { HistoryAnalysis } from './history-analysis.js';
import { renderHistoryHtml } from './history-html.renderer.js';
import { renderHistoryMarkdown } from './history-markdown.renderer.js';

export interface HistoryReportPaths {
  readonly json: string;
  readonly markdown: string;
  readonly html: string;
}

/** The three files' paths in `dir`. */
export function historyReportPaths(dir: string): HistoryReportPaths {
  return { json: join(dir, 'history.json'), markdown: join(dir, 'history.md'), html: join(dir, 'history.html') };
}

/** The JSON of history.json (also what `--json` prints). */
export function historyJson(analysis: HistoryAnalysis): string {
  return `${JSON.stringify(analysis, null, 2)}\n`;
}

/**
 * Creates `dir` if needed and writes the three files; returns their paths.
 * @throws HarnessError BAD_FLAG naming --out when the folder cannot be created.
 */
export async function writeHistoryReports(analysis: HistoryAnalysis, dir: string): Promise<HistoryReportPaths> {
  await mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw badFlag(
      '--out',
      `cannot create the folder ${dir}: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  const paths = historyReportPaths(dir);
  await writeFile(paths.json, historyJson(analysis));
  await writeFile(paths.markdown, renderHistoryMarkdown(analysis));
  await writeFile(paths.html, renderHistoryHtml(analysis, { chartJs: await readChartJsSource() }));
  return paths;
}
