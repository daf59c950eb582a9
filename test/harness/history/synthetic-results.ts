/**
 * Synthetic stored results for the history tests: copies of the quick fixture with their own run
 * id, start time and chosen figures, each checked against the result schema before use.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Prng } from '../../../src/core/prng.js';
import type { RunResult } from '../../../src/harness/result/run-result.schema.js';
import { validateResult } from '../../../src/harness/result/validate-result.js';

const fixture = JSON.parse(
  await readFile(new URL('../../fixtures/result-quick.json', import.meta.url), 'utf8'),
) as RunResult;

/** Run `index` of a history: 'run-07', started `index` hours after the first. */
export function runIdOf(index: number): string {
  return `run-${String(index).padStart(2, '0')}`;
}

/**
 * The fixture as run `index`, with each figure in `estimates` (by row id) measured at that value,
 * its interval ±3% around it. Throws when the document would not be a valid result.
 */
export function syntheticResult(index: number, estimates: Readonly<Record<string, number>>): RunResult {
  const started = Date.parse('2026-11-01T10:00:00.000Z') + index * 3_600_000;
  const result: RunResult = {
    ...fixture,
    runId: runIdOf(index),
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(started + 540_000).toISOString(),
    targets: fixture.targets.map((row) => {
      const estimate = estimates[row.id];
      if (estimate === undefined) return row;
      return {
        ...row,
        measured: estimate,
        interval: { lower: estimate * 0.97, upper: estimate * 1.03, confidence: 0.95 },
      };
    }),
  };
  const validation = validateResult(JSON.parse(JSON.stringify(result)));
  if (!validation.valid)
    throw new Error(`synthetic result ${result.runId} is invalid: ${validation.errors.join('; ')}`);
  return result;
}

/**
 * `runs` results: core.student-profile about 10 ms (±0.2) before `shiftAt` and about 14 ms from it;
 * operations.create-referral about 31 ms (±0.3) throughout. Seeded, so every call gives the same runs.
 */
export function shiftedHistory(runs = 24, shiftAt = 12): RunResult[] {
  const noise = new Prng(7);
  return Array.from({ length: runs }, (_, index) =>
    syntheticResult(index, {
      'core.student-profile': (index < shiftAt ? 10 : 14) + 0.2 * noise.normal(),
      'operations.create-referral': 31 + 0.3 * noise.normal(),
    }),
  );
}

/** Writes each result to `<dir>/<run-id>/result.json`, as `run` stores them. */
export async function writeResults(dir: string, results: readonly RunResult[]): Promise<void> {
  for (const result of results) {
    await mkdir(join(dir, result.runId), { recursive: true });
    await writeFile(join(dir, result.runId, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
  }
}
