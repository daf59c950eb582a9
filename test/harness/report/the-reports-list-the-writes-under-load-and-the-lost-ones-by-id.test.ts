import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../../src/harness/report/summary.renderer.js';
import type { RunResult } from '../../../src/harness/result/run-result.schema.js';
import { validateResult } from '../../../src/harness/result/validate-result.js';
import { loadFixture } from './load-fixture.js';

function withWrites(result: RunResult, lost: number): RunResult {
  const scenarios = result.scenarios.map((scenario) =>
    scenario.name !== 'concurrent-users'
      ? scenario
      : {
          ...scenario,
          steps: scenario.steps.map((step, index) =>
            index > 0
              ? step
              : {
                  ...step,
                  writes: {
                    created: 41,
                    transitions: 30,
                    enrollments: 12,
                    enrollmentsPerMinute: 24.5,
                    racedRejections: 2,
                    lost,
                  },
                },
          ),
        },
  );
  const invariants =
    lost === 0
      ? result.invariants
      : {
          state: 'failed' as const,
          checked: ['every acknowledged new referral exists, once'],
          violations: [
            {
              invariant: 'concurrent-users/100 users: every acknowledged new referral exists, once',
              count: 1,
              examples: [{ id: '0b5d3e0c-4c1e-4a53-9a8e-3f1b2c4d5e6f', found: 0 }],
            },
          ],
        };
  return { ...result, scenarios, ...(invariants && { invariants }) };
}

describe('the reports of a run whose load followed its writes', () => {
  it('state per step what was written and that the database holds all of it, in a valid document', async () => {
    const result = withWrites(await loadFixture(), 0);
    expect(validateResult(JSON.parse(JSON.stringify(result))).valid).toBe(true);
    expect(renderSummary(result)).toMatch(
      /Caches under invalidation \(concurrent-users, \d+ s of measured load, the counts including its warm-ups, 12 enrollments\): .*leaderboard \d+\.\d% of \d+ lookups/,
    );
    expect(renderSummary(result)).toContain(
      'concurrent-users / 100 users: 41 referrals created, 30 status changes, 12 enrollments (24.5 a minute), 2 writes lost a race (409, expected); every acknowledged write is in the database',
    );
  });

  it("name a lost write by the referral's id", async () => {
    const summary = renderSummary(withWrites(await loadFixture(), 1));
    expect(summary).toContain('1 acknowledged writes missing from the database');
    expect(summary).toMatch(
      /every acknowledged new referral exists, once \(1 rows: 0b5d3e0c-4c1e-4a53-9a8e-3f1b2c4d5e6f\)/,
    );
  });
});
