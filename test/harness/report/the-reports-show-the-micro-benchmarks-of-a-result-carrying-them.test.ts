import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/harness/report/html.renderer.js';
import { renderSummary } from '../../../src/harness/report/summary.renderer.js';
import type { MicroBenchmarks } from '../../../src/harness/result/micro-benchmarks.schema.js';
import type { RunResult } from '../../../src/harness/result/run-result.schema.js';
import { validateResult } from '../../../src/harness/result/validate-result.js';
import { loadFixture } from './load-fixture.js';

const micro: MicroBenchmarks = {
  state: 'completed',
  budgetMs: 60_000,
  durationMs: 63_412,
  tasks: [
    {
      suite: 'token-verification',
      name: 'verify HS256',
      opsPerSecond: 126_960.4,
      meanMs: 0.0177226,
      marginPct: 1.63,
      samples: 7273,
    },
    {
      suite: 'seed-generation',
      name: "generate 10,000 referrals' rows (column-wise)",
      opsPerSecond: 37.09,
      meanMs: 28.2046,
      marginPct: 2.82,
      samples: 5,
    },
    { suite: 'prng', name: '1k PRNG draws', opsPerSecond: 2_100_000, meanMs: 0.000457, samples: 1 },
  ],
  failed: [{ suite: 'points-formula', name: 'points for 10k referrals', error: 'out of points' }],
};

const withMicro = async (value: MicroBenchmarks = micro): Promise<RunResult> => ({
  ...(await loadFixture()),
  schemaVersion: 4,
  micro: value,
});

describe('a result carrying micro-benchmarks', () => {
  it('validates against the result schema', async () => {
    const validation = validateResult(JSON.parse(JSON.stringify(await withMicro())));
    expect(validation.valid ? [] : validation.errors).toEqual([]);
  });

  it('puts them in summary.md as a table: task, ops/s, mean, margin of error, samples', async () => {
    const summary = renderSummary(await withMicro());
    expect(summary).toContain('### Micro-benchmarks');
    expect(summary).toContain(
      'tinybench suite of bench/, in a child process before the scenarios: every task timed, 3 tasks in 63.4 s (budget 60 s).',
    );
    expect(summary).toContain('points-formula: points for 10k referrals threw: out of points');
    expect(summary).toContain('| Task | ops/s | Mean | ± (95%) | Samples |');
    expect(summary).toContain('| token-verification: verify HS256 | 126,960 | 17.7 µs | ±1.63% | 7273 |');
    expect(summary).toContain(
      "| seed-generation: generate 10,000 referrals' rows (column-wise) | 37.1 | 28.2 ms | ±2.82% | 5 |",
    );
    expect(summary).toContain('| prng: 1k PRNG draws | 2,100,000 | 457 ns | - | 1 |');
  });

  it('puts the same table in index.html', async () => {
    const html = renderHtml(await withMicro(), { chartJs: '' });
    expect(html).toContain('<h2>Micro-benchmarks</h2>');
    expect(html).toContain(
      '<tr><td>token-verification: verify HS256</td><td class="num">126,960</td><td class="num">17.7 µs</td><td class="num">±1.63%</td><td class="num">7273</td></tr>',
    );
  });

  it('say how a suite that ran out of time ended, and leave the section out of a run without them', async () => {
    const summary = renderSummary(
      await withMicro({
        ...micro,
        state: 'timed-out',
        reason: 'not finished 80 s after it started (budget 60 s); the tasks timed until then are kept',
      }),
    );
    expect(summary).toContain(
      'stopped at its deadline, 3 tasks in 63.4 s (budget 60 s): not finished 80 s after it started',
    );
    const without = await loadFixture();
    expect(renderSummary(without)).not.toContain('Micro-benchmarks');
    expect(renderHtml(without, { chartJs: '' })).not.toContain('Micro-benchmarks');
  });
});
