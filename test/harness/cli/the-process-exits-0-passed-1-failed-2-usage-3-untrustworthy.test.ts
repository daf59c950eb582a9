import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/harness/result/run-result.schema.js';
import { judgeRun } from '../../../src/harness/targets/judge-run.js';
import { runOutcome } from '../../../src/harness/targets/run-outcome.js';
import { runCli } from './run-cli.js';

// Exit codes 0, 1 and 3 of a judged run come from stored results put through `gate <baseline>
// <candidate>`, the one command whose exit status follows a stored run's: a load run that is sure
// to fail or to bottleneck its generator would be slow and would depend on the machine.
const dir = mkdtempSync(join(tmpdir(), 'rb-exit-codes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/result-quick.json', import.meta.url), 'utf8'),
) as RunResult;

/** The fixture without its failed rows, its verdict and exit code judged again: a run that failed nothing. */
function passed(): RunResult {
  const targets = fixture.targets.filter((row) => row.verdict !== 'fail');
  return { ...fixture, targets, ...runOutcome({ ...fixture, targets }) };
}

/** The fixture judged as the run judges it, with the generator limiting its first load step. */
function bottlenecked(): RunResult {
  const reasons = ['generator timers late: event-loop delay p99 61 ms (limit 50 ms)'];
  const scenarios = fixture.scenarios.map((scenario, s) =>
    s > 0
      ? scenario
      : {
          ...scenario,
          steps: scenario.steps.map((step, i) =>
            i > 0 || !step.load
              ? step
              : { ...step, load: { ...step.load, generator: { ...step.load.generator, bottleneck: true, reasons } } },
          ),
        },
  );
  return judgeRun({ ...fixture, scenarios });
}

function stored(name: string, result: RunResult): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(result));
  return file;
}

const results = { passed: passed(), failed: fixture, bottlenecked: bottlenecked() };
const files = {
  passed: stored('passed', results.passed),
  failed: stored('failed', results.failed),
  bottlenecked: stored('bottlenecked', results.bottlenecked),
};
const invalid = stored('invalid', { ...fixture, profile: 'huge' as RunResult['profile'] });

describe('the exit status of referral-bench, seen from outside the process', () => {
  it('the stored runs exit as judged: passed 0, failed 1, generator bottleneck 3', () => {
    expect([results.passed.exitCode, results.failed.exitCode, results.bottlenecked.exitCode]).toEqual([0, 1, 3]);
  });

  it.concurrent.each<[string, string[], Record<string, string>, number, RegExp]>([
    ['0: nothing failed', ['gate', files.passed, files.passed], {}, 0, /^NO REGRESSION|^INCONCLUSIVE/m],
    [
      '1: a target row failed',
      ['gate', files.passed, files.failed],
      {},
      1,
      /^FAILED: the candidate failed a spec target: /m,
    ],
    ['2: a bad flag', ['run', '--profile', 'huge'], {}, 2, /BAD_FLAG: --profile: /],
    ['2: a stored result with a bad field', ['report', invalid, '--out', dir], {}, 2, /RESULT_INVALID: .*profile/],
    [
      '3: the generator was the bottleneck',
      ['gate', files.passed, files.bottlenecked],
      {},
      3,
      /^FAILED: the candidate's load generator was the bottleneck: .*event-loop delay p99 61 ms/m,
    ],
    // Port 1 is privileged and unused: the connection is refused at once.
    [
      "3: the run's database does not answer",
      ['run', '--provider', 'external', '--profile', 'smoke', '--out', dir, '--quiet'],
      { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres' },
      3,
      /DATABASE_UNREACHABLE: /,
    ],
  ])('exits %s', async (_case, args, env, code, says) => {
    const outcome = await runCli(args, env);
    expect(outcome.code, outcome.stderr).toBe(code);
    expect(`${outcome.stdout}${outcome.stderr}`).toMatch(says);
  });
});
