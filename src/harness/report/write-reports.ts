/** Writes a run's four report files into <outDir>/<run-id>/ and points <outDir>/latest at them. */
import { cp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../result/run-result.schema.js';
import { readChartJsSource } from './chart-js-source.js';
import { renderHtml } from './html.renderer.js';
import { renderJson } from './json.renderer.js';
import { renderJunit } from './junit.renderer.js';
import { renderSummary } from './summary.renderer.js';

export interface WrittenReports {
  readonly dir: string;
  readonly files: readonly string[];
  /** How `latest` was made: a relative symlink, or a copy where the file system refuses symlinks. */
  readonly latest: 'symlink' | 'copy';
}

export async function writeReports(result: RunResult, outDir: string): Promise<WrittenReports> {
  const dir = join(outDir, result.runId);
  await mkdir(dir, { recursive: true });
  const contents: [string, string][] = [
    ['result.json', renderJson(result)],
    ['summary.md', renderSummary(result)],
    ['index.html', renderHtml(result, { chartJs: await readChartJsSource() })],
    ['junit.xml', renderJunit(result)],
  ];
  for (const [name, text] of contents) await writeFile(join(dir, name), text);
  return { dir, files: contents.map(([name]) => join(dir, name)), latest: await pointLatest(outDir, result.runId) };
}

async function pointLatest(outDir: string, runId: string): Promise<'symlink' | 'copy'> {
  const latest = join(outDir, 'latest');
  await rm(latest, { recursive: true, force: true });
  try {
    // Relative, so the reports folder can be moved or archived whole.
    await symlink(runId, latest, 'dir');
    return 'symlink';
  } catch {
    await cp(join(outDir, runId), latest, { recursive: true });
    return 'copy';
  }
}
