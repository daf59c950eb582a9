import { describe, expect, it } from 'vitest';
import { specTargets } from '../../../src/harness/targets/spec-targets.js';

// Copied by hand from the published performance spec, table by table, in ms / % / MB.
const expected: Record<
  string,
  { label: string; target: number; warning?: number; claim?: number; claimDetails?: Record<string, number> }[]
> = {
  core: [
    { label: 'Student Profile Loading (with referrals)', target: 2000, warning: 1500, claim: 1200 },
    { label: 'Referral Point Calculations', target: 50, warning: 40, claim: 35 },
    { label: 'Dashboard Analytics (with referrals)', target: 3000, warning: 2500, claim: 2100 },
    { label: 'Leaderboard Updates', target: 100, warning: 80, claim: 75 },
    { label: 'Bulk Referral Operations', target: 500, claim: 380 },
    { label: 'Campaign Processing', target: 200, claim: 145 },
  ],
  alerts: [
    { label: 'Student Profile', warning: 1500, target: 2000 },
    { label: 'Dashboard Load', warning: 2500, target: 3000 },
    { label: 'Point Calculation', warning: 40, target: 50 },
    { label: 'Leaderboard Update', warning: 80, target: 100 },
  ],
  load: [
    [100, 245, 0],
    [500, 412, 0],
    [1000, 687, 0.1],
    [2000, 1234, 0.3],
    [5000, 2876, 1.2],
  ].flatMap(([users, ms, pct]) => [
    { label: `${users} users: response time (avg)`, target: ms!, claim: ms! },
    { label: `${users} users: error rate`, target: pct!, claim: pct! },
  ]),
  volume: [
    ['10,000', 12, 45],
    ['50,000', 28, 89],
    ['100,000', 45, 156],
    ['500,000', 98, 412],
    ['1,000,000', 187, 823],
  ].flatMap(([size, ms, mb]) => [
    { label: `${size} referrals: query time`, target: ms as number, claim: ms as number },
    { label: `${size} referrals: memory usage`, target: mb as number, claim: mb as number },
  ]),
  operations: [
    { label: 'Create Referral', target: 100, claim: 45 },
    { label: 'Update Status', target: 50, claim: 22 },
    { label: 'Calculate Points', target: 50, claim: 35 },
    { label: 'Get Analytics', target: 200, claim: 125 },
    { label: 'Bulk Process (100)', target: 1000, claim: 680 },
  ],
  integration: [
    { label: 'Student Profile Load', target: 9, claim: 9, claimDetails: { beforeMs: 1100, afterMs: 1200 } },
    { label: 'Ranking Calculation', target: 7, claim: 7, claimDetails: { beforeMs: 45, afterMs: 48 } },
    { label: 'Dashboard Load', target: 17, claim: 17, claimDetails: { beforeMs: 1800, afterMs: 2100 } },
    { label: 'Achievement Check', target: 12, claim: 12, claimDetails: { beforeMs: 25, afterMs: 28 } },
  ],
  improvements: [65, 80, 70, 85, 98.5, 75, 90].map((pct) => ({
    label: expect.any(String) as unknown as string,
    target: pct,
    claim: pct,
  })),
  cache: [{ label: 'Leaderboard cache hit rate', target: 95, claim: 95 }],
};

describe('the spec targets', () => {
  it.each(Object.entries(expected))("hold every row of the %s table with the spec's numbers", (table, rows) => {
    const actual = specTargets
      .filter((row) => row.table === table)
      .map(({ label, target, warning, claim, claimDetails }) => ({ label, target, warning, claim, claimDetails }));
    expect(actual).toEqual(
      rows.map((row) => ({ warning: undefined, claim: undefined, claimDetails: undefined, ...row })),
    );
  });

  it('have no row outside those tables, and unique ids', () => {
    expect(specTargets).toHaveLength(Object.values(expected).flat().length);
    expect(new Set(specTargets.map((row) => row.id)).size).toBe(specTargets.length);
  });

  it('measure every row with a named scenario of the harness', () => {
    const scenarios = [
      'concurrent-users',
      'data-volume',
      'operations',
      'integration-impact',
      'before-after',
      'open-model',
    ];
    for (const row of specTargets) expect(scenarios, row.id).toContain(row.measure.scenario);
  });

  it('judge improvement claims and the cache hit rate as floors, everything else as ceilings', () => {
    for (const row of specTargets) {
      expect(row.comparison, row.id).toBe(row.table === 'improvements' || row.table === 'cache' ? '>=' : '<=');
    }
  });
});
