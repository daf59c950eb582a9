/**
 * Finds and reads the stored results of one branch: `<dir>/<run-id>/result.json` (as `run` writes
 * them) and `.json` files directly in `<dir>`. Every file goes through readStoredResult; one it
 * refuses (schemaVersion 1, invalid, unreadable) is listed with its reason and left out, never
 * compared as if it had intervals.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { HarnessError } from '../../core/errors.js';
import { readStoredResult } from '../result/read-result.js';
import type { RunResult } from '../result/run-result.schema.js';
import type { DuplicateResult, RefusedResult } from './history-analysis.js';

/** A result the history can use, with where it was read (relative to the history's folder). */
export interface StoredRun {
  readonly file: string;
  readonly result: RunResult;
}

export interface StoredHistory {
  /** Ordered by startedAt (then runId). */
  readonly runs: readonly StoredRun[];
  readonly refused: readonly RefusedResult[];
  readonly duplicates: readonly DuplicateResult[];
}

export interface ReadHistoryOptions {
  /** Absolute or relative paths never read as results (the history's own output files). */
  readonly ignore?: readonly string[];
}

/**
 * Reads every stored result in `dir`.
 * @throws HarnessError RESULT_INVALID when `dir` is not a readable folder.
 */
export async function readHistory(dir: string, options: ReadHistoryOptions = {}): Promise<StoredHistory> {
  const files = await resultFiles(dir, new Set((options.ignore ?? []).map((path) => resolve(path))));
  const usable: StoredRun[] = [];
  const refused: RefusedResult[] = [];
  for (const path of files) {
    const file = relative(dir, path);
    try {
      const result = await readStoredResult(path);
      if (Number.isNaN(Date.parse(result.startedAt))) {
        refused.push({
          file,
          reason: `startedAt "${result.startedAt}" is not a timestamp, so the run cannot be placed in order`,
        });
      } else {
        usable.push({ file, result });
      }
    } catch (error: unknown) {
      if (!(error instanceof HarnessError) || error.code !== 'RESULT_INVALID') throw error;
      refused.push({ file, reason: withoutPath(error.message, path) });
    }
  }
  const { runs, duplicates } = oneCopyPerRun(usable);
  runs.sort(
    (a, b) =>
      Date.parse(a.result.startedAt) - Date.parse(b.result.startedAt) || a.result.runId.localeCompare(b.result.runId),
  );
  return { runs, refused, duplicates };
}

/** Candidate files, sorted by path so the output does not depend on the file system's order. */
async function resultFiles(dir: string, ignore: ReadonlySet<string>): Promise<string[]> {
  const info = await stat(dir).catch((error: unknown) => {
    throw new HarnessError('RESULT_INVALID', `history <dir> ${dir}: no such folder`, { cause: error });
  });
  if (!info.isDirectory())
    throw new HarnessError(
      'RESULT_INVALID',
      `history <dir> ${dir}: not a folder (give the folder holding the run folders)`,
    );
  const files: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    const entry = await stat(path).catch(() => undefined); // follows symlinks such as reports/latest
    if (entry?.isDirectory()) {
      const inner = join(path, 'result.json');
      if ((await stat(inner).catch(() => undefined))?.isFile()) files.push(inner);
    } else if (entry?.isFile() && name.endsWith('.json')) {
      files.push(path);
    }
  }
  return files.filter((path) => !ignore.has(resolve(path)));
}

/**
 * One copy per run id (reports/latest repeats the newest run): the copy in a folder named after
 * its run is kept, else the first by path.
 */
function oneCopyPerRun(usable: readonly StoredRun[]): { runs: StoredRun[]; duplicates: DuplicateResult[] } {
  const kept = new Map<string, StoredRun>();
  const duplicates: DuplicateResult[] = [];
  const inOwnFolder = (run: StoredRun) => basename(dirname(run.file)) === run.result.runId;
  for (const run of usable) {
    const earlier = kept.get(run.result.runId);
    if (earlier === undefined) {
      kept.set(run.result.runId, run);
    } else if (inOwnFolder(run) && !inOwnFolder(earlier)) {
      kept.set(run.result.runId, run);
      duplicates.push({ file: earlier.file, runId: run.result.runId, sameAs: run.file });
    } else {
      duplicates.push({ file: run.file, runId: run.result.runId, sameAs: earlier.file });
    }
  }
  return { runs: [...kept.values()], duplicates };
}

/** The reason without the file's path in front, since the file is listed beside it. */
function withoutPath(message: string, path: string): string {
  return message.startsWith(path) ? message.slice(path.length).replace(/^:?\s*/, '') : message;
}
