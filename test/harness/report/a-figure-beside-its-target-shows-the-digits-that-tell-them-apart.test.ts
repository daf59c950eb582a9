import { describe, expect, it } from 'vitest';
import { formatMeasured } from '../../../src/harness/report/format.js';
import { reportStyles } from '../../../src/harness/report/html-styles.js';
import { runVerdicts } from '../../../src/harness/result/run-result.schema.js';
import type { TargetEvaluation } from '../../../src/harness/result/target-evaluation.schema.js';
import { loadFixture } from './load-fixture.js';

const fixture = await loadFixture();
const row = (changes: Partial<TargetEvaluation>): TargetEvaluation => ({ ...fixture.targets[0]!, ...changes });

describe('a measured cell', () => {
  it('prints a failed 2000.4 ms beside a 2000 ms target as 2,000.4, not 2,000', () => {
    const cell = formatMeasured(row({ measured: 2000.4, target: 2000, method: 'single-reading', interval: undefined }));
    expect(cell).toMatch(/^2,000\.4 ms/);
  });

  it('prints an interval straddling 45 with the digits that show it', () => {
    const cell = formatMeasured(
      row({
        measured: 45.01,
        target: 45,
        unit: 'MB',
        statistic: 'memory',
        interval: { lower: 44.97, upper: 45.04, confidence: 0.95 },
      }),
    );
    expect(cell).toBe('45.01 MB [44.97 to 45.04]');
  });

  it('keeps three figures where they already differ from the target', () => {
    expect(formatMeasured(row({ measured: 143.2, target: 2000, interval: undefined, method: 'log-t' }))).toMatch(
      /^143 ms/,
    );
  });

  it("says a cache row's lookups are hits and misses, not a change", () => {
    const cell = formatMeasured(
      row({ unit: '%', measured: 98.1, target: 95, details: { hits: 3960, misses: 74 }, interval: undefined }),
    );
    expect(cell).toBe('98.1% (3,960 hits, 74 misses)');
  });
});

it('gives the page banner a background for every run verdict (white text on white otherwise)', () => {
  for (const verdict of runVerdicts)
    expect(reportStyles, verdict).toMatch(new RegExp(`header\\.banner\\.${verdict} \\{ background:`));
});
