import { expect, it } from 'vitest';
import { loadScenario } from '../../../src/harness/runners/scenario-loader.js';
import { scenarioNames } from '../../../scenarios/scenario-names.js';
import { runCli } from './run-cli.js';

it('runs a soak only on scenarios with a soak profile, and refuses a named one without, exit 2 before anything starts', async () => {
  const withSoak = [];
  for (const name of scenarioNames) if ((await loadScenario(name)).profiles.soak) withSoak.push(name);
  // concurrent-users is what a soak holds: 30 minutes of sessions at a moderate level.
  expect(withSoak).toEqual(['concurrent-users']);
  expect((await loadScenario('concurrent-users')).profiles.soak).toMatchObject({ stepDurationMs: 1_800_000 });

  const refused = await runCli(['run', '--profile', 'soak', '--scenario', 'data-volume', '--quiet']);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('--scenario: data-volume has no soak profile (soak runs: concurrent-users)');
  expect(refused.stderr).not.toContain('stack up');
});
