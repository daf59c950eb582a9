import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runHistory } from '../../../src/harness/history/run-history.js';
import { shiftedHistory, syntheticResult, writeResults } from './synthetic-results.js';

const dir = await mkdtemp(join(tmpdir(), 'rb-history-refused-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a history folder holding a schemaVersion 1 result beside valid ones', () => {
  it('lists it as refused with its reason and leaves it out of every series', async () => {
    await writeResults(dir, shiftedHistory(8, 4));
    // A complete document in every other respect, measured in the middle of the history, far off the others.
    const old = {
      ...syntheticResult(5, { 'core.student-profile': 90, 'operations.create-referral': 90 }),
      runId: 'old-run',
      schemaVersion: 1,
    };
    await mkdir(join(dir, 'old-run'));
    await writeFile(join(dir, 'old-run', 'result.json'), JSON.stringify(old));

    const { analysis, paths } = await runHistory({ dir, out: join(dir, 'out') });

    expect(analysis.refused).toEqual([
      {
        file: join('old-run', 'result.json'),
        reason: expect.stringMatching(/before repetitions existed \(schemaVersion 1\)/),
      },
    ]);
    expect(analysis.runs.map((run) => run.runId)).not.toContain('old-run');
    expect(analysis.runs).toHaveLength(8);
    for (const figure of analysis.figures) {
      expect(figure.series.map((point) => point.runId)).not.toContain('old-run');
      expect(figure.series.every((point) => point.estimate !== 90)).toBe(true);
    }
    expect(await readFile(paths.markdown, 'utf8')).toMatch(/refused: `old-run\/result\.json`: .*schemaVersion 1/);
  });
});
