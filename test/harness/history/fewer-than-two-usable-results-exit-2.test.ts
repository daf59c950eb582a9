import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { syntheticResult, writeResults } from './synthetic-results.js';

const dir = await mkdtemp(join(tmpdir(), 'rb-history-short-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('referral-bench history with one usable result and one from before repetitions', () => {
  it('exits 2 saying a history needs 2, lists the refused file, and writes nothing', async () => {
    await writeResults(dir, [syntheticResult(0, { 'core.student-profile': 10 })]);
    await mkdir(join(dir, 'old-run'));
    await writeFile(
      join(dir, 'old-run', 'result.json'),
      JSON.stringify({ ...syntheticResult(1, {}), runId: 'old-run', schemaVersion: 1 }),
    );

    const outcome = await runCli(['history', dir]);

    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/refused: old-run\/result\.json: .*schemaVersion 1/);
    expect(outcome.stderr).toMatch(
      /RESULT_INVALID: .*1 usable stored result \(1 refused, listed above\); a history needs at least 2/,
    );
    await expect(access(join(dir, 'history'))).rejects.toThrow();
  });
});
