/** Reads a stored result (a run folder or its result.json) and validates it; a bad file is a usage error naming the field. */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { HarnessError } from '../../core/errors.js';
import type { RunResult } from './run-result.schema.js';
import { validateResult } from './validate-result.js';

export async function readStoredResult(input: string): Promise<RunResult> {
  const info = await stat(input).catch((error: unknown) => {
    throw new HarnessError('RESULT_INVALID', `${input}: no such file or folder`, { cause: error });
  });
  const file = info.isDirectory() ? join(input, 'result.json') : input;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error: unknown) {
    throw new HarnessError(
      'RESULT_INVALID',
      `${file}: ${error instanceof SyntaxError ? `not JSON: ${error.message}` : 'cannot be read'}`,
      { cause: error },
    );
  }
  const version =
    typeof json === 'object' && json !== null ? (json as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version === 1) {
    // A result from before repetitions existed has no spread to compare: refused, never treated as if it had one.
    throw new HarnessError(
      'RESULT_INVALID',
      `${file} was written before repetitions existed (schemaVersion 1): it has no intervals, so it cannot be judged, gated or put in a history; run the benchmark again to get a current result`,
    );
  }
  const validation = validateResult(json);
  if (!validation.valid) {
    const shown = validation.errors.slice(0, 5).join('; ');
    const more = validation.errors.length > 5 ? ` (and ${validation.errors.length - 5} more)` : '';
    throw new HarnessError('RESULT_INVALID', `${file} is not a valid result document: ${shown}${more}`);
  }
  return validation.result;
}
