import { expect, test } from 'vitest';
import { planSteps } from '../../scenarios/step-plan.js';
import { scenario } from '../../scenarios/operations.scenario.js';

test("a per-route step whose journey entry names a level runs at it, the others at the profile's", () => {
  const steps = planSteps(scenario, 'quick');
  expect(steps.find((step) => step.route === 'bulk-process')?.level).toBe(2);
  expect(steps.find((step) => step.route === 'update-status')?.level).toBe(scenario.profiles.quick.levels[0]);
});
