import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareResults } from '../../../src/harness/gate/compare-results.js';
import type { RunResult } from '../../../src/harness/result/run-result.schema.js';

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/result-quick.json', import.meta.url), 'utf8'),
) as RunResult;
/** The fixture without its failed rows, so only the comparison can fail it. */
const healthy: RunResult = { ...fixture, targets: fixture.targets.filter((row) => row.verdict !== 'fail') };

/** The same run with every per-repetition figure of the compared rows made `factor` times worse. */
function worsened(factor: number): RunResult {
  return {
    ...healthy,
    targets: healthy.targets.map((row) =>
      row.method !== 'log-t' || !row.samples
        ? row
        : { ...row, samples: row.samples.map((value) => (row.comparison === '<=' ? value * factor : value / factor)) },
    ),
  };
}

describe('the gate on two stored results', () => {
  it('finds no regression between two runs whose repetitions agree within 1%', () => {
    /** Every compared row's six repetitions within ±1% of its estimate, `shift` apart between the runs. */
    const tight = (shift: number): RunResult => ({
      ...healthy,
      targets: healthy.targets.map((row) =>
        row.samples && row.method === 'log-t' && row.measured
          ? {
              ...row,
              samples: row.samples.map(
                (_, i) => (row.measured as number) * shift * [1, 0.99, 1.01, 0.995, 1.005, 1][i % 6]!,
              ),
            }
          : row,
      ),
    });
    const gate = compareResults(tight(1), tight(1.005), { alpha: 0.05 });
    expect(gate.decision?.verdict).toBe('no regression');
    expect(gate.exitCode).toBe(0);
  });

  it('flags a run 50% worse, naming the regressed figures, and exits 1', () => {
    const gate = compareResults(healthy, worsened(1.5));
    expect(gate.decision?.verdict).toBe('regression');
    expect(gate.exitCode).toBe(1);
    expect(gate.headline).toMatch(/^REGRESSION: core\.student-profile \+50\.0%/);
    expect(gate.headline).toContain('not interleaved');
  });

  it('never passes a candidate whose generator was the bottleneck, whatever its figures', () => {
    const gate = compareResults(healthy, {
      ...healthy,
      generatorBottleneck: { bottleneck: true, reasons: ['CPU 100%'] },
    });
    expect(gate).toMatchObject({ exitCode: 3 });
    expect(gate.headline).toContain('bottleneck');
  });

  it('never passes an errored or partial candidate', () => {
    const errored = {
      ...healthy,
      scenarios: healthy.scenarios.map((s) =>
        s.name === 'operations' ? { ...s, state: 'errored' as const, reason: 'service died' } : s,
      ),
    };
    expect(compareResults(healthy, errored).exitCode).toBe(3);
    const partial = { ...healthy, scenarios: healthy.scenarios.filter((s) => s.name !== 'data-volume') };
    expect(compareResults(healthy, partial).headline).toContain('partial');
  });

  it('refuses two results of different profiles or datasets, exit 2', () => {
    const smoke = { ...healthy, profile: 'smoke' as const };
    expect(compareResults(healthy, smoke)).toMatchObject({ exitCode: 2 });
    expect(compareResults(healthy, { ...healthy, datasets: healthy.datasets.slice(1) }).headline).toContain(
      'not comparable',
    );
  });

  it('fails a candidate that failed a spec target', () => {
    expect(compareResults(healthy, fixture)).toMatchObject({ exitCode: 1 });
  });
});
