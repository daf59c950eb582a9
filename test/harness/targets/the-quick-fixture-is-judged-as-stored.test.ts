import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { judgeRun } from '../../../src/harness/targets/judge-run.js';
import type { RunResult } from '../../../src/harness/result/run-result.schema.js';

const stored = JSON.parse(
  await readFile(new URL('../../fixtures/result-quick.json', import.meta.url), 'utf8'),
) as RunResult;

describe('judging the stored quick-profile fixture again', () => {
  // The renderer tests read the fixture's stored verdicts; this keeps them those of today's targets.
  it('gives the same target rows, verdict and exit code as stored', () => {
    const {
      targets: _targets,
      generatorBottleneck: _generator,
      verdict: _verdict,
      exitCode: _exitCode,
      ...measured
    } = stored;
    expect(judgeRun(measured)).toEqual(stored);
  });

  it('is a failing run with every kind of row verdict', () => {
    expect(stored).toMatchObject({ verdict: 'fail', exitCode: 1 });
    expect(new Set(stored.targets.map((row) => row.verdict))).toEqual(
      new Set(['pass', 'warn', 'inconclusive', 'fail', 'not-measured']),
    );
  });
});
