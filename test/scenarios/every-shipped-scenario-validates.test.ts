import { expect, test } from 'vitest';
import { loadScenario } from '../../src/harness/runners/scenario-loader.js';
import { onDemandScenarioNames, scenarioNames } from '../../scenarios/scenario-names.js';

test('every scenario shipped in scenarios/ passes its schema, and an unknown name is refused', async () => {
  for (const name of [...scenarioNames, ...onDemandScenarioNames]) {
    await expect(loadScenario(name)).resolves.toMatchObject({ name });
  }
  await expect(loadScenario('no-such-scenario')).rejects.toThrow(
    /unknown scenario 'no-such-scenario'.*known: concurrent-users/,
  );
});
