import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStoredResult } from '../../../src/harness/result/read-result.js';

describe('a stored result written before repetitions existed', () => {
  it('is refused naming the schema version and what to do, not compared as if it had intervals', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rb-old-result-'));
    const file = join(dir, 'result.json');
    await writeFile(file, JSON.stringify({ schemaVersion: 1, runId: 'old', targets: [] }));
    await expect(readStoredResult(dir)).rejects.toMatchObject({
      code: 'RESULT_INVALID',
      exitCode: 2,
      message: expect.stringMatching(/before repetitions existed \(schemaVersion 1\).*run the benchmark again/),
    });
  });
});
