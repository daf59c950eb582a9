import { expect, it } from 'vitest';
import { gateCommentMarker, renderGateMarkdown } from '../../../src/harness/gate/gate-markdown.renderer.js';
import { fixtureReport } from './gate-report-fixture.js';

const cellsOf = (row: string): string[] =>
  row
    .replaceAll('\\|', '')
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());

it('renders the verdict first, then a table row per metric with change, interval, pairs, p-values and a log-ratio strip', () => {
  const markdown = renderGateMarkdown(fixtureReport);
  const lines = markdown.split('\n');
  expect(lines[0]).toBe(gateCommentMarker);
  expect(lines[1]).toBe('## ❌ Benchmark gate: regression');
  expect(lines.find((line) => line.trim() !== '' && !line.startsWith('<!--') && !line.startsWith('##'))).toBe(
    fixtureReport.outcome.headline,
  );
  expect(markdown).toContain('base `aaaaaaaaaaaa` (origin/main) → head `bbbbbbbbbbbb` (HEAD)');

  const header = lines.find((line) => line.startsWith('| metric |')) as string;
  expect(cellsOf(header).slice(0, 9)).toEqual([
    'metric',
    'base (median)',
    'head (median)',
    'change (+ is worse)',
    '95% interval',
    'pairs',
    'p regression',
    'p no regression',
    'verdict',
  ]);
  const rows = lines.filter((line) => line.startsWith('| student-profile'));
  expect(rows).toHaveLength(3);
  for (const row of rows) expect(cellsOf(row)).toHaveLength(cellsOf(header).length);

  const [p50, p95, throughput] = rows.map(cellsOf) as [string[], string[], string[]];
  expect(p50.slice(0, 9)).toEqual([
    'student-profile p50',
    '4 ms',
    '4.46 ms',
    '+11.8%',
    '+9.5% … +14.1%',
    '8',
    '0.0039',
    '1.000',
    'regression',
  ]);
  expect(p95[3]).toBe('+3.4%');
  expect(p95[8]).toBe('inconclusive');
  expect(throughput[1]).toBe('16.6 req/s');
  expect(throughput[8]).toBe('no regression');

  // The strip: one cell per pair's log-ratio, all eight p50 pairs right of zero (worse).
  const strip = (p50[9] as string).replaceAll('`', '');
  expect(strip).toHaveLength(17);
  expect(strip.slice(0, 9)).toMatch(/^[·│]+$/);
  expect(strip.slice(9)).toMatch(/[▁▂▃▄▅▆▇█]/);
  expect(markdown).toContain('Smallest regression this run could have detected (80% power): 31.5%');
});
