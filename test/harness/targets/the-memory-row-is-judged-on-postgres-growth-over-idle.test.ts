import { describe, expect, it } from 'vitest';
import { evaluateTargets } from '../../../src/harness/targets/evaluate-targets.js';
import { specTargets } from '../../../src/harness/targets/spec-targets.js';
import { run, scenario, step } from './run-builder.js';

const mib = 1024 * 1024;
const memoryRows = specTargets.filter((row) => row.id === 'volume.10k.memory');

/** A 10k step whose whole PSS is far over the spec's 45 MB while its growth over idle is `growthMib`. */
const tenThousand = (growthMib: number) =>
  run([
    scenario('data-volume', [
      step('10k', {
        measurements: {
          postgresMemoryBytes: (48 + growthMib) * mib,
          postgresIdleBytes: 48 * mib,
          postgresGrowthBytes: growthMib * mib,
          datasetBytes: 11 * mib,
          datasetCachedBytes: 10 * mib,
          serviceRssBytes: 140 * mib,
        },
      }),
    ]),
  ]);

describe('the data-volume memory row', () => {
  it("passes on a growth within the spec's figure, however large the whole PSS and the service", () => {
    const [row] = evaluateTargets(tenThousand(30), memoryRows);
    expect(row).toMatchObject({
      statistic: 'measurements.postgresGrowthBytes',
      measured: 30,
      unit: 'MB',
      target: 45,
      verdict: 'pass',
      method: 'single-reading',
    });
  });

  it("fails on a growth over the spec's figure", () => {
    const [row] = evaluateTargets(tenThousand(60), memoryRows);
    expect(row).toMatchObject({ measured: 60, verdict: 'fail' });
  });

  it('is not measured when the idle server could not be read, rather than judged on the whole PSS', () => {
    const [row] = evaluateTargets(
      run([
        scenario('data-volume', [
          step('10k', { measurements: { postgresMemoryBytes: 30 * mib, datasetBytes: 11 * mib } }),
        ]),
      ]),
      memoryRows,
    );
    expect(row).toMatchObject({
      verdict: 'not-measured',
      reason: "statistic 'measurements.postgresGrowthBytes' absent from step '10k' of scenario 'data-volume'",
    });
  });
});
