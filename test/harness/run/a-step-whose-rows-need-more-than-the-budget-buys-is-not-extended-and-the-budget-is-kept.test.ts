import { expect, test } from 'vitest';
import { ExtensionBudget, extendWhileUndecided } from '../../../src/harness/run/until-decided.js';
import type { RunResources } from '../../../src/harness/run/run-resources.js';

/** A step whose repetitions each cost 1 s and whose rows need `needed` repetitions in all. */
async function extend(budget: ExtensionBudget, needed: number) {
  const lines: string[] = [];
  const ran: number[] = [];
  const resources = { extension: budget, log: (line: string) => lines.push(line), stopped: () => false };
  const count = await extendWhileUndecided({
    resources: resources as unknown as RunResources,
    planned: 10,
    costMs: 1_000,
    label: 'integration-impact: dashboard-analytics',
    need: (at) => ({ pairs: at >= needed ? 0 : needed, rows: ['integration.dashboard-load'] }),
    grow: () => undefined,
    runOne: async (index) => {
      ran.push(index);
    },
  });
  return { count, ran, lines };
}

test('a step whose rows need more repetitions than the budget buys is not extended, and the budget is kept for a later step', async () => {
  const budget = new ExtensionBudget(30_000);

  const costly = await extend(budget, 60);
  expect(costly.count).toBe(10);
  expect(costly.ran).toEqual([]);
  expect(budget.remainingMs).toBe(30_000);
  expect(costly.lines.join('\n')).toContain('deciding needs 50 more, the budget left buys 30: not extended');

  // A later step whose row the budget can decide gets all it needs.
  const affordable = await extend(budget, 25);
  expect(affordable.count).toBe(25);
  expect(affordable.ran).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
});
