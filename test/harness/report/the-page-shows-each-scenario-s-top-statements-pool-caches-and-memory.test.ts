import { expect, it } from 'vitest';
import { renderHtml } from '../../../src/harness/report/html.renderer.js';
import { loadFixture } from './load-fixture.js';

const result = await loadFixture();
const html = renderHtml(result, { chartJs: '' });

/** The HTML of the element with this id, up to the next scenario's heading. */
const section = (id: string): string => {
  const start = html.indexOf(`<div id="${id}">`);
  expect(start, id).toBeGreaterThan(0);
  return html.slice(start, html.indexOf('</div>\n', start));
};

it("shows each sampled scenario's top statements with their share, its pool, caches and memory peaks", () => {
  for (const scenario of result.scenarios.filter((candidate) => candidate.server)) {
    const server = scenario.server!;
    const part = section(`server-${scenario.name}`);
    const rows = [
      ...part.matchAll(
        /<tr><td class="query"><code>([^<]*)<\/code><\/td><td class="num">(\d+)<\/td>.*?<td class="num">([\d.,]+)%<\/td><\/tr>/g,
      ),
    ];
    // Every top statement, by total time, each a share of every statement's time in the scenario.
    expect(rows.map((row) => row[1])).toEqual(
      [...server.pgStatStatementsTop].sort((a, b) => b.totalMs - a.totalMs).map((statement) => statement.query),
    );
    expect(rows.map((row) => Number(row[2]))).toEqual(
      [...server.pgStatStatementsTop].sort((a, b) => b.totalMs - a.totalMs).map((statement) => statement.calls),
    );
    expect(Number(rows[0]?.[3])).toBeCloseTo((9120.4 / 21_480.7) * 100, 1);
    expect(part).toContain(
      `<tr><th>Connection pool</th><td>${server.serviceMetrics.poolInUse} in use, ${server.serviceMetrics.poolWaiting} waiting at most</td></tr>`,
    );
    expect(part).toContain('<tr><th>Buffer hit ratio</th><td>99.4%</td></tr>');
    expect(part).toMatch(
      /<tr><th>Cache hit ratio<\/th><td>analytics 91% of 1000 lookups, leaderboard [\d.]+% of 4000 lookups, profile 64% of 1000 lookups<\/td><\/tr>/,
    );
    expect(part).toMatch(/<tr><th>Peak memory<\/th><td>PostgreSQL [\d.]+ MiB, service 155 MiB<\/td><\/tr>/);
    for (const chart of ['pool', 'caches', 'memory'])
      expect(part).toContain(`<canvas id="chart-${chart}-${scenario.name}"`);
  }
  // The load generator's health and the step's top statement, one row per load step, where a row's "see" link lands.
  expect(html).toMatch(
    /<tr id="generator-concurrent-users-1000-users"><td>1000 users<\/td><td class="num">10100<\/td>.*?<td class="num">[\d.]+% \/ [\d.]+%<\/td><td class="num">[\d.]+ ms<\/td><td class="num">-<\/td><td>no<\/td><td class="query"><code>SELECT \* FROM calculate_referral_points_optimized\(\$1, \$2\)<\/code><br>62% of 12,481 ms; \d+ calls, 12\.6 ms mean<\/td><\/tr>/,
  );
});
