import { describe, expect, it } from 'vitest';
import type { InvariantReport } from '../../../src/harness/result/invariant-report.schema.js';
import type { RunDatabase, RunResources } from '../../../src/harness/run/run-resources.js';
import { runScenarioPhases, ScenarioFailed } from '../../../src/harness/run/scenario-phases.js';
import type { SeedManifest } from '../../../seed/manifest.js';

const passed = (check: string): InvariantReport => ({ state: 'passed', checked: [check], violations: [] });

/** Resources whose databases log what is done to them, each checked with a report naming it. */
function loggingResources(): { resources: RunResources; log: string[] } {
  const log: string[] = [];
  let opened = 0;
  const resources = {
    async database(referrals: number, variant: 'baseline' | 'optimized'): Promise<RunDatabase> {
      opened += 1;
      const name = `db${opened}`;
      log.push(`open ${name}`);
      return {
        name,
        url: `postgres://localhost/${name}`,
        manifest: { referrals, variant, seed: 1 } as unknown as SeedManifest,
        pool: undefined as never,
        async checkInvariants() {
          log.push(`check ${name}`);
          return passed(`invariants of ${name}`);
        },
        async drop() {
          log.push(`drop ${name}`);
        },
      };
    },
  } as unknown as RunResources;
  return { resources, log };
}

describe("a scenario's phases", () => {
  it('return the manifests of the datasets they opened and the reports of their checks, each database checked before its teardown', async () => {
    const { resources, log } = loggingResources();
    const outcome = await runScenarioPhases(resources, async (databases) => {
      const first = await databases.open(10_000, 'optimized');
      databases.checked(passed('writes after step 1'));
      await databases.close(first);
      await databases.open(50_000, 'baseline');
      return { name: 'x', state: 'completed', steps: [] };
    });
    expect(outcome.result).toEqual({ name: 'x', state: 'completed', steps: [] });
    expect(outcome.datasets.map((dataset) => [dataset.referrals, dataset.variant])).toEqual([
      [10_000, 'optimized'],
      [50_000, 'baseline'],
    ]);
    expect(outcome.invariants.map((report) => report.checked[0])).toEqual([
      'writes after step 1',
      'invariants of db1',
      'invariants of db2',
    ]);
    // A database left open is checked and dropped when the phases end; teardown runs no check.
    expect(log).toEqual(['open db1', 'check db1', 'drop db1', 'open db2', 'check db2', 'drop db2']);
  });

  it('hand what they produced over with the failure when they throw, their databases checked and dropped', async () => {
    const { resources, log } = loggingResources();
    const failure = await runScenarioPhases(resources, async (databases) => {
      await databases.open(10_000, 'optimized');
      throw new Error('the service did not start');
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ScenarioFailed);
    const { cause, products } = failure as ScenarioFailed;
    expect((cause as Error).message).toBe('the service did not start');
    expect(products.datasets).toHaveLength(1);
    expect(products.invariants.map((report) => report.checked[0])).toEqual(['invariants of db1']);
    expect(log).toEqual(['open db1', 'check db1', 'drop db1']);
  });
});
