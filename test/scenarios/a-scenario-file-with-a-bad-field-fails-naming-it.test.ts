import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { HarnessError } from '../../src/core/errors.js';
import { loadScenario } from '../../src/harness/runners/scenario-loader.js';
import { scenario as valid } from '../../scenarios/open-model.scenario.js';

const directory = mkdtempSync(join(tmpdir(), 'referral-bench-scenarios-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Writes `<name>.scenario.ts` holding the valid open-model scenario with one change applied. */
function writeScenario(name: string, change: (copy: Record<string, unknown>) => void): void {
  const copy = structuredClone({ ...valid, name }) as Record<string, unknown>;
  change(copy);
  writeFileSync(join(directory, `${name}.scenario.ts`), `export const scenario = ${JSON.stringify(copy, null, 2)};\n`);
}

test('a scenario file with a bad field fails with the file and the field path in the message', async () => {
  writeScenario('bad-level', (copy) => {
    (copy.profiles as { quick: { levels: number[] } }).quick.levels[0] = 0;
  });
  writeScenario('bad-route', (copy) => {
    (copy.journey as { route: string }[])[1] = { route: 'no-such-route', weight: 1 } as never;
  });
  writeScenario('extra-field', (copy) => {
    copy.thinkTimeMs = 5;
  });

  const failure = await loadScenario('bad-level', { directory }).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(HarnessError);
  expect((failure as HarnessError).code).toBe('BAD_SCENARIO');
  expect((failure as HarnessError).message).toMatch(
    /bad-level\.scenario\.ts: \/profiles\/quick\/levels\/0: must be >= 1$/,
  );

  await expect(loadScenario('bad-route', { directory })).rejects.toThrow(
    /bad-route\.scenario\.ts: \/journey\/1\/route: must be one of "student-profile"/,
  );
  await expect(loadScenario('extra-field', { directory })).rejects.toThrow(
    /extra-field\.scenario\.ts: \/thinkTimeMs: is not a known field/,
  );
  // The same scenario without the change loads.
  writeScenario('fine', () => undefined);
  await expect(loadScenario('fine', { directory })).resolves.toMatchObject({ name: 'fine' });
});
