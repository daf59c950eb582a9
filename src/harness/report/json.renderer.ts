/** result.json: the result document itself, indented for diffs. */
import type { RunResult } from '../result/run-result.schema.js';

export function renderJson(result: RunResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
