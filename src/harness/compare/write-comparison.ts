/** Writes a comparison of two runs into a folder: summary-compare.md and compare.html. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunComparison } from './compare-runs.js';
import { renderComparisonHtml } from './compare-html.renderer.js';
import { renderComparisonMarkdown } from './compare-markdown.renderer.js';

/** Creates `dir` if needed and writes both files; returns their paths. */
export async function writeComparison(comparison: RunComparison, dir: string): Promise<readonly string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    [join(dir, 'summary-compare.md'), renderComparisonMarkdown(comparison)],
    [join(dir, 'compare.html'), renderComparisonHtml(comparison)],
  ];
  for (const [file, text] of files) await writeFile(file, text);
  return files.map(([file]) => file);
}
