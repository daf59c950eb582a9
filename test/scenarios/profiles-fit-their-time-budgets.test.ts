import { expect, test } from 'vitest';
import { loadScenario } from '../../src/harness/runners/scenario-loader.js';
import { plannedLoadMs } from '../../scenarios/step-plan.js';
import { scenarioNames } from '../../scenarios/scenario-names.js';
import { defaultUntilDecidedSeconds } from '../../src/harness/config.js';

const minute = 60_000;

test('smoke stays under 2 minutes a scenario on 10k referrals, quick under 10 minutes for all, --until-decided included, full runs every level', async () => {
  const scenarios = await Promise.all(scenarioNames.map((name) => loadScenario(name)));
  let quickMs = 0;
  for (const scenario of scenarios) {
    // Seeding and start-up come on top of the load, hence the margins.
    expect(plannedLoadMs(scenario, 'smoke'), scenario.name).toBeLessThan(1.5 * minute);
    expect(scenario.profiles.smoke.referrals, scenario.name).toEqual([10_000]);
    quickMs += plannedLoadMs(scenario, 'quick');
  }
  expect(quickMs).toBeLessThan(7 * minute);
  // The planned load plus the wall time --until-decided may spend still leaves seeding, start-up
  // and the pairs' own start and stop (about 90 s in a quick run) a minute and a half of the ten.
  expect(quickMs + defaultUntilDecidedSeconds.quick * 1000).toBeLessThan(8.5 * minute);
  const byName = new Map(scenarios.map((scenario) => [scenario.name, scenario]));
  expect(byName.get('concurrent-users')?.profiles.full.levels).toEqual([100, 500, 1000, 2000, 5000]);
  expect(byName.get('data-volume')?.profiles.full.referrals).toEqual([10_000, 50_000, 100_000, 500_000, 1_000_000]);
});
