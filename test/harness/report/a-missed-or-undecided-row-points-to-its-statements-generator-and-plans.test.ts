import { expect, it } from 'vitest';
import { renderHtml } from '../../../src/harness/report/html.renderer.js';
import { renderSummary } from '../../../src/harness/report/summary.renderer.js';
import { loadFixture } from './load-fixture.js';

const result = await loadFixture();
const html = renderHtml(result, { chartJs: '' });
const summary = renderSummary(result);

/** The target table row (HTML) with this label and verdict. */
const tableRow = (label: string, verdict: string): string => {
  const start = html.indexOf(`<tr class="${verdict}">\n<td>${label}</td>`);
  expect(start, label).toBeGreaterThan(0);
  return html.slice(start, html.indexOf('</tr>', start));
};

it('links each failed or inconclusive row to the evidence the result holds, in the page and in the summary', () => {
  // A load row: its scenario's statements and pool, and the generator of its step.
  const users = tableRow('1000 users: response time (avg)', 'fail');
  expect(users).toContain(
    '<a href="#server-concurrent-users">server side of concurrent-users</a> (top statement 42.5% of statement time, pool 20 in use,',
  );
  // The step's own statements: the one that took most of the 1000-users step's statement time.
  expect(users).toContain(
    '<a href="#generator-concurrent-users-1000-users">step 1000 users</a> (top statement 62% of 12,481 ms of statement time, generator CPU ',
  );
  // A paired row: the generator of each side. A before-after row: the plans it stored.
  expect(tableRow('Dashboard Load', 'inconclusive')).toMatch(
    /<a href="#generator-integration-impact-dashboard-analytics-off">.*<a href="#generator-integration-impact-dashboard-analytics-on">/,
  );
  expect(tableRow('Referral-ranking correlation (covering index)', 'fail')).toContain(
    '<a href="#plan-before-after-correlation">query plans of correlation</a>',
  );
  // A passed row is not explained.
  expect(tableRow('500 users: response time (avg)', 'pass')).not.toContain('class="evidence"');
  // Every link lands on the page.
  const targets = [...html.matchAll(/<a href="#([^"]+)">/g)].map((link) => link[1]);
  expect(targets.length).toBeGreaterThanOrEqual(10);
  for (const target of new Set(targets)) expect(html, target).toContain(`id="${target}"`);

  // The summary says where to look after each missed and undecided row, and holds the folds it names.
  expect(summary).toMatch(
    /^- Load Testing: Concurrent Users, 1000 users: response time \(avg\): .* \(see: "Server side: concurrent-users" below \(top statement 42\.5% of statement time, pool 20 in use, \d+ waiting at most\); step 1000 users in index\.html \(top statement 62% of 12,481 ms of statement time, generator CPU [\d.]+% mean, [\d.]+% max\)\)$/m,
  );
  expect(summary).toContain('<summary>Server side: concurrent-users (');
  expect(summary).toMatch(
    /^- Optimization Claims, Referral-ranking correlation \(covering index\): .* \(see: query plans of correlation in index\.html\)$/m,
  );
  expect(summary).toMatch(
    /^- Integration Impact, Dashboard Load: .* \(see: step dashboard-analytics:off in index\.html \(generator CPU .*\); step dashboard-analytics:on in index\.html \(generator CPU .*\)\)$/m,
  );
});
