import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { LatencySummary } from '../../../src/harness/result/load-result.schema.js';
import { judgeRun } from '../../../src/harness/targets/judge-run.js';
import { runCli } from '../cli/run-cli.js';
import { fixturePath, loadFixture } from './load-fixture.js';

const work = await mkdtemp(join(tmpdir(), 'rb-report-compare-'));
afterAll(() => rm(work, { recursive: true, force: true }));

/** A copy of the fixture on another CPU with more work_mem, whose student profile is 30% slower in every repetition, judged again. */
async function slowerRun(): Promise<string> {
  const {
    targets: _targets,
    generatorBottleneck: _generator,
    verdict: _verdict,
    exitCode: _exitCode,
    ...measured
  } = await loadFixture();
  const slower = (latency: LatencySummary) => ({ ...latency, p95: latency.p95 * 1.3 });
  const b = judgeRun({
    ...measured,
    runId: 'slower-run',
    environment: {
      ...measured.environment,
      cpuModel: 'Other CPU @ 3.10GHz',
      postgresSettings: { ...measured.environment.postgresSettings, work_mem: '8MB' },
    },
    scenarios: measured.scenarios.map((scenario) =>
      scenario.name !== 'operations'
        ? scenario
        : {
            ...scenario,
            steps: scenario.steps.map((step) =>
              step.label !== 'student-profile' || step.load === undefined
                ? step
                : {
                    ...step,
                    load: {
                      ...step.load,
                      latency: slower(step.load.latency),
                      repetitions: step.load.repetitions.map((repetition) => ({
                        ...repetition,
                        latency: slower(repetition.latency),
                      })),
                    },
                  },
            ),
          },
    ),
  });
  const file = join(work, 'slower.json');
  await writeFile(file, JSON.stringify(b));
  return file;
}

describe('referral-bench report <A> <B>', () => {
  it("writes both runs side by side, each row with both figures, the change and the gate's statistics, and the conditions that differ", async () => {
    const out = join(work, 'compared');
    const outcome = await runCli(['report', fileURLToPath(fixturePath), await slowerRun(), '--out', out]);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['compare.html', 'summary-compare.md']);

    const markdown = await readFile(join(out, 'summary-compare.md'), 'utf8');
    expect(markdown).toContain('two runs of different hours are no A/B test');
    expect(markdown).toContain(
      '| Student Profile Loading (with referrals) | 143 ms p95 [136 to 151] | 186 ms p95 [177 to 196] | +30% | +30% [+22.1% to +38.4%], regression | ✅ pass → ✅ pass |',
    );
    expect(markdown).toContain('| Leaderboard Updates | 59.2 ms p95 [55 to 63.7] | 59.2 ms p95 [55 to 63.7] | 0% |');
    expect(markdown).toContain('the same code as `referral-bench gate <A> <B>`');
    expect(markdown).toContain("The two runs' conditions differ in 2 fields");
    expect(markdown).toContain('- CPU: 2 x Fixture CPU @ 2.40GHz (A) against 2 x Other CPU @ 3.10GHz (B)');
    expect(markdown).toContain('- PostgreSQL settings: work_mem: 4MB (A) against 8MB (B)');

    const html = await readFile(join(out, 'compare.html'), 'utf8');
    expect(html).toContain(
      '<tr><td>Student Profile Loading (with referrals)</td><td class="num">143 ms p95 [136 to 151]</td><td class="num">186 ms p95 [177 to 196]</td><td class="num">+30%</td>',
    );
    expect(html).toContain('<li>PostgreSQL settings: work_mem: 4MB (A) against 8MB (B)</li>');
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
  });

  it('exits 2 naming a second result that is not there, and writes nothing', async () => {
    const missing = join(work, 'no-such-run', 'result.json');
    const outcome = await runCli(['report', fileURLToPath(fixturePath), missing, '--out', join(work, 'never')]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(`RESULT_INVALID: second result: ${missing}: no such file or folder`);
    await expect(readdir(join(work, 'never'))).rejects.toThrow();
  });
});
