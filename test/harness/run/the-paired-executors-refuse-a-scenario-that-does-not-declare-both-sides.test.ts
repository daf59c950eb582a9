import { expect, it } from 'vitest';
import { scenario as beforeAfter } from '../../../scenarios/before-after.scenario.js';
import { scenario as integrationImpact } from '../../../scenarios/integration-impact.scenario.js';
import type { Scenario } from '../../../scenarios/scenario-schema.js';
import type { RunResources } from '../../../src/harness/run/run-resources.js';
import { executeBeforeAfter } from '../../../src/harness/run/before-after.executor.js';
import { executeIntegrationImpact } from '../../../src/harness/run/integration-impact.executor.js';

// The executors compare the sides a scenario declares: one that declares only one side is a
// scenario error, named, before any database or service is started (no resources are touched).
const untouched = {} as RunResources;

it('refuses integration-impact without both referral-feature sides and before-after without both schema variants, naming the field', async () => {
  const oneSide: Scenario = { ...integrationImpact, referralFeature: ['on'] };
  await expect(executeIntegrationImpact(untouched, oneSide, 'smoke')).rejects.toMatchObject({
    code: 'BAD_SCENARIO',
    message: expect.stringMatching(/referralFeature must list 'off' and 'on'/),
  });
  const oneVariant: Scenario = { ...beforeAfter, schemaVariants: ['optimized'] };
  await expect(executeBeforeAfter(untouched, oneVariant, 'smoke')).rejects.toMatchObject({
    code: 'BAD_SCENARIO',
    message: expect.stringMatching(/schemaVariants must list 'baseline' and 'optimized'/),
  });
});
