import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { loadScenario } from '../../src/harness/runners/scenario-loader.js';
import { onDemandScenarioNames, scenarioNames } from '../../scenarios/scenario-names.js';
import { scenario as valid } from '../../scenarios/concurrent-users.scenario.js';

const directory = mkdtempSync(join(tmpdir(), 'referral-bench-thresholds-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Every key of an object, nested ones included. */
function keysOf(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [...(Array.isArray(value) ? [] : [key]), ...keysOf(child)]);
}

test('no scenario carries a pass/fail number: the schema refuses a thresholds field and no shipped scenario has a limit', async () => {
  const withThresholds = { ...valid, name: 'with-thresholds', thresholds: [{ statistic: 'p95', max: 245 }] };
  writeFileSync(
    join(directory, 'with-thresholds.scenario.ts'),
    `export const scenario = ${JSON.stringify(withThresholds)};\n`,
  );
  await expect(loadScenario('with-thresholds', { directory })).rejects.toThrow(
    /with-thresholds\.scenario\.ts: \/thresholds: is not a known field/,
  );

  for (const name of [...scenarioNames, ...onDemandScenarioNames]) {
    const scenario = await loadScenario(name);
    // A threshold was { statistic, max, route? } in a `thresholds` list.
    const limitKeys = keysOf(scenario).filter((key) =>
      /^(thresholds?|limits?|max|statistic|targets?|goals?)$/.test(key),
    );
    expect(limitKeys, name).toEqual([]);
    const source = readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.scenario.ts`, import.meta.url)), 'utf8');
    expect(source, name).not.toMatch(/threshold/i);
  }
});
