import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/harness/report/html.renderer.js';
import { renderSummary } from '../../../src/harness/report/summary.renderer.js';
import { loadFixture } from './load-fixture.js';

const result = await loadFixture();

/** What the fixture's header must state: CPU, PostgreSQL and its settings, provider, schema variants, seed, datasets, think time, repetitions. */
const conditions = [
  'Repetitions: 6 a step',
  'CPU: 2 x Fixture CPU @ 2.40GHz',
  'PostgreSQL: PostgreSQL 17.6',
  'shared_buffers: 128MB',
  'work_mem: 4MB',
  'Provider: embedded',
  'Schema variants: optimized, baseline',
  'Seed: 20261125',
  '10,000 referrals (optimized): seed 20261125, checksum sha256:3f9a1c7e0b2d4a6f',
  'concurrent-users: uniform 3000-7000 ms',
  'Service workers: 1',
];

describe("what could change a run's figures", () => {
  it('is stated in summary.md before the first table', () => {
    const summary = renderSummary(result);
    const header = summary.slice(0, summary.indexOf('\n### '));
    expect(header).toContain('What could change these figures: ');
    for (const condition of conditions) expect(header, condition).toContain(condition);
  });

  it('is stated in index.html before the charts', () => {
    const html = renderHtml(result, { chartJs: '' });
    const header = html.slice(0, html.indexOf('<h2>Charts</h2>'));
    expect(header).toContain('<h2>What could change these figures</h2>');
    expect(header).toContain('<tr><th>Think time</th><td>concurrent-users: uniform 3000-7000 ms</td></tr>');
    for (const condition of conditions)
      expect(header.replaceAll(/<\/th><td>/g, ': ').replaceAll(/<[^>]+>/g, ' '), condition).toContain(condition);
  });

  it('says what a result from before it was recorded did not record, rather than leaving it out', () => {
    const { thinkTime: _thinkTime, serviceWorkers: _workers, ...environment } = result.environment;
    const summary = renderSummary({ ...result, environment });
    expect(summary).toContain('Think time: not recorded');
    expect(summary).toContain('Service workers: not recorded');
  });
});
