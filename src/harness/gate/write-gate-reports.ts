/** Writes a gate's three files into its folder: gate.json, gate.md and junit.xml. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderGateJunit } from './gate-junit.renderer.js';
import { renderGateMarkdown } from './gate-markdown.renderer.js';
import type { GateReport } from './gate-report.js';

/** The JSON of gate.json (also what `--json` prints). */
export function gateJson(report: GateReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Creates `dir` if needed and writes the three files; returns their paths. */
export async function writeGateReports(
  report: GateReport,
  dir: string,
): Promise<{ json: string; markdown: string; junit: string }> {
  await mkdir(dir, { recursive: true });
  const paths = { json: join(dir, 'gate.json'), markdown: join(dir, 'gate.md'), junit: join(dir, 'junit.xml') };
  await writeFile(paths.json, gateJson(report));
  await writeFile(paths.markdown, renderGateMarkdown(report));
  await writeFile(paths.junit, renderGateJunit(report));
  return paths;
}
