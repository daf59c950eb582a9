import { expect, it } from 'vitest';
import { renderSummary } from '../../../src/harness/report/summary.renderer.js';
import { loadFixture } from './load-fixture.js';

const result = await loadFixture();
const summary = renderSummary(result);

it("folds each sampled scenario's server side, its facts then its top statements, after the spec tables", () => {
  const folds = [
    ...summary.matchAll(
      /<details><summary>Server side: ([^ ]+) \(pool (\d+) in use, (\d+) waiting at most, buffer hits 99\.4%\)<\/summary>\n([\s\S]*?)<\/details>/g,
    ),
  ];
  expect(folds.map((fold) => fold[1])).toEqual(['concurrent-users', 'operations']);
  for (const [, name, inUse, waiting, body = ''] of folds) {
    const server = result.scenarios.find((scenario) => scenario.name === name)!.server!;
    expect([Number(inUse), Number(waiting)]).toEqual([
      server.serviceMetrics.poolInUse,
      server.serviceMetrics.poolWaiting,
    ]);
    expect(body).toContain(`| Connection pool | ${inUse} in use, ${waiting} waiting at most |`);
    expect(body).toMatch(
      /\| Cache hit ratio \| analytics 91% of 1000 lookups, leaderboard [\d.]+% of 4000 lookups, profile 64% of 1000 lookups \|/,
    );
    expect(body).toContain('| Statement (top by total time) | Calls | Mean | Total | Share |');
    expect(body).toContain(
      '| `SELECT * FROM calculate_referral_points_optimized($1, $2)` | 722 | 12.6 ms | 9,120 ms | 42.5% |',
    );
    expect(body.match(/^\| `/gm)).toHaveLength(server.pgStatStatementsTop.length);
  }
  expect(summary.indexOf('<summary>Server side:')).toBeGreaterThan(summary.lastIndexOf('### '));
  expect(summary.indexOf('<summary>Server side:')).toBeLessThan(
    summary.indexOf('<summary>How the figures were estimated</summary>'),
  );
});
