import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sumOf } from '../../../src/harness/measure/metrics-scrape.js';

describe('parsePrometheusText', () => {
  it('reads names, labels and values and skips comments', () => {
    const samples = parsePrometheusText(
      [
        '# HELP cache_hits_total hits',
        '# TYPE cache_hits_total counter',
        'cache_hits_total{cache="analytics"} 95',
        'cache_hits_total{cache="leaderboard",note="a \\"quoted\\" value"} 5',
        'process_resident_memory_bytes 1.5e+07',
        '',
      ].join('\n'),
    );
    expect(samples).toEqual([
      { name: 'cache_hits_total', labels: { cache: 'analytics' }, value: 95 },
      { name: 'cache_hits_total', labels: { cache: 'leaderboard', note: 'a "quoted" value' }, value: 5 },
      { name: 'process_resident_memory_bytes', labels: {}, value: 15_000_000 },
    ]);
    expect(sumOf(samples, 'cache_hits_total')).toBe(100);
    expect(sumOf(samples, 'cache_hits_total', { cache: 'analytics' })).toBe(95);
  });
});
