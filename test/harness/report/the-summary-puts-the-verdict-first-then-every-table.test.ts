import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../../src/harness/report/summary.renderer.js';
import { specTableTitles } from '../../../src/harness/targets/spec-targets.js';
import { loadFixture } from './load-fixture.js';

const result = await loadFixture();
const summary = renderSummary(result);

describe('summary.md', () => {
  it('opens with the run verdict and the counts', () => {
    const [first, , third] = summary.split('\n');
    expect(first).toBe('## ❌ FAIL: 9 targets missed');
    expect(third).toBe(
      '**9 failed, 3 inconclusive, 2 warnings, 31 passed, 18 not measured (of 63 figures: 47 from the spec, 16 project goals; 6 repetitions a step)**',
    );
  });

  it("has every spec table, in the spec's order, then the project's goals, after the verdict and what could change the figures", () => {
    const positions = Object.values(specTableTitles).map((title) => summary.indexOf(`### ${title}\n`));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(summary.indexOf('What could change these figures: ')).toBeLessThan(Math.min(...positions));
  });

  it("prints one table row per target with the spec's target and claim, the measured figure and the verdict", () => {
    expect(summary).toContain(
      '| Student Profile Loading (with referrals) | < 2 seconds | 1.2s | 143 ms p95 [136 to 151] | ✅ pass |',
    );
    expect(summary).toContain(
      '| Referral Point Calculations | < 50ms | 35ms | 42.6 ms p95 [39.5 to 46] | ⚠️ warning |',
    );
    expect(summary).toContain(
      "| Dashboard Load | +17% at most (spec's result) | 1.8s → 2.1s (+17%) | 14% [2.88 to 26.4] (261 → 317 ms) | ❔ inconclusive: the interval 2.88 to 26.4 contains the target 17; about 96 repetitions at this spread would decide it (see: step dashboard-analytics:off in index.html; step dashboard-analytics:on in index.html) |",
    );
    expect(summary).toContain(
      "| 5000 users: error rate | 1.2% (spec's result) | 1.2% | - | ⏭️ not measured: step '5000 users' not in scenario 'concurrent-users' (profile quick) |",
    );
    expect(summary.match(/^\| (?!Target \||---|\s).*\| (✅|⚠️|❔|❌|⏭️) /gmu)).toHaveLength(result.targets.length);
  });

  it('stays well inside a pull-request comment (GitHub allows 65,536 characters)', () => {
    expect(summary.length).toBeLessThan(30_000);
  });
});
