import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareResults } from '../../../src/harness/gate/compare-results.js';
import type { RunResult } from '../../../src/harness/result/run-result.schema.js';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/result-quick.json', import.meta.url), 'utf8')) as RunResult;

/** The fixture with every measured latency-like figure (lower is better) made `factor` times worse. */
function worsened(factor: number): RunResult {
  return {
    ...fixture,
    targets: fixture.targets.map((row) => row.measured === undefined ? row
      : { ...row, measured: row.comparison === '<=' ? row.measured * factor : row.measured / factor }),
  };
}

describe('compareResults', () => {
  it('passes the same run against itself', () => {
    expect(compareResults(fixture, fixture).passed).toBe(true);
  });

  it('passes a run 5% worse at a 10% noise threshold', () => {
    expect(compareResults(fixture, worsened(1.05), { noiseThresholdPct: 10 }).regressions).toEqual([]);
  });

  it('flags a run 50% worse, naming each regressed figure', () => {
    const gate = compareResults(fixture, worsened(1.5), { noiseThresholdPct: 10 });
    expect(gate.passed).toBe(false);
    expect(gate.regressions.length).toBeGreaterThan(0);
    for (const regression of gate.regressions) expect(regression.worsePct).toBeGreaterThan(10);
  });
});
