import { expect, test } from 'vitest';
import type { InvariantReport } from '../../../src/harness/result/invariant-report.schema.js';
import { distinctDatasets, mergeInvariantReports } from '../../../src/harness/run/scenario-phases.js';
import type { SeedManifest } from '../../../seed/manifest.js';

const passed = (check: string): InvariantReport => ({ state: 'passed', checked: [check], violations: [] });

test("the run merges every scenario's invariant reports into one and lists each dataset once", () => {
  const broken: InvariantReport = {
    state: 'failed',
    checked: ['a'],
    violations: [{ invariant: 'a', count: 1, examples: [{ id: '1' }] }],
  };
  expect(mergeInvariantReports([])).toBeUndefined();
  expect(mergeInvariantReports([passed('a'), broken, passed('b')])).toEqual({
    state: 'failed',
    checked: ['a', 'b'],
    violations: broken.violations,
  });
  const manifest = (referrals: number, variant: string) => ({ referrals, variant }) as unknown as SeedManifest;
  expect(
    distinctDatasets([manifest(10, 'optimized'), manifest(10, 'baseline'), manifest(10, 'optimized')]).map(
      (m) => `${m.referrals} ${m.variant}`,
    ),
  ).toEqual(['10 optimized', '10 baseline']);
});
