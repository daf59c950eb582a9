/** The stored quick-profile result every renderer test reads. */
import { readFile } from 'node:fs/promises';
import type { RunResult } from '../../../src/harness/result/run-result.schema.js';

export const fixturePath = new URL('../../fixtures/result-quick.json', import.meta.url);

export async function loadFixture(): Promise<RunResult> {
  return JSON.parse(await readFile(fixturePath, 'utf8')) as RunResult;
}
