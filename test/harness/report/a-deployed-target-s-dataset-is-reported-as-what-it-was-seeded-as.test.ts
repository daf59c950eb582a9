import { describe, expect, it } from 'vitest';
import { runConditions } from '../../../src/harness/report/run-conditions.js';
import type { RunResult } from '../../../src/harness/result/run-result.schema.js';
import { validateResult } from '../../../src/harness/result/validate-result.js';
import { loadFixture } from './load-fixture.js';

const fixture = await loadFixture();
const [dataset] = fixture.datasets;
if (dataset === undefined) throw new Error('the fixture has no dataset');

/** The fixture as a run against a deployed target, its one dataset as given. */
function onTarget(inPlace?: { seededThisRun: boolean }): RunResult {
  return {
    ...fixture,
    environment: { ...fixture.environment, target: { url: 'http://127.0.0.1:3000', remote: false } },
    datasets: [{ ...(dataset as RunResult['datasets'][number]), ...(inPlace ? { inPlace } : {}) }],
  };
}

const datasetLine = (result: RunResult) =>
  runConditions(result).find((condition) => condition.group === 'Datasets')?.value;

describe("a deployed target's dataset", () => {
  it('is what this run seeded, then wrote to', () => {
    const result = onTarget({ seededThisRun: true });
    expect(validateResult(result)).toMatchObject({ valid: true });
    expect(datasetLine(result)).toBe(
      `seed ${dataset.seed}, seeded as checksum ${dataset.checksum} by this run; used in place in the target's database, not a fresh copy: the loads since may have written to it`,
    );
  });

  it('is what an earlier run seeded, not what the database holds now', () => {
    expect(datasetLine(onTarget({ seededThisRun: false }))).toMatch(
      /seeded as checksum \S+ by an earlier run; used in place/,
    );
  });

  it('is read from a result written before it said so as seeded-as too, and a fresh clone keeps its plain checksum', () => {
    const older = onTarget();
    expect(validateResult(older)).toMatchObject({ valid: true });
    expect(datasetLine(older)).toMatch(/^seed \d+, seeded as checksum \S+; used in place/);
    expect(datasetLine(fixture)).toBe(`seed ${dataset.seed}, checksum ${dataset.checksum}`);
  });
});
