import { expect, it } from 'vitest';
import { evaluateTargets } from '../../../src/harness/targets/evaluate-targets.js';
import { specTargets } from '../../../src/harness/targets/spec-targets.js';
import { loadRun, run, scenario, step } from './run-builder.js';

// 2000 users: error rate <= 0.3%. Repetitions that all saw no error have no spread; the row is
// decided by how many requests they were: none in 600 could still be a 0.61% rate, none in 6000
// at most 0.061% (Clopper-Pearson, 95%).
const errorFree = (total: number) =>
  evaluateTargets(
    run([scenario('concurrent-users', [step('2000 users', { load: loadRun({ errors: 0, total }) })])]),
    specTargets.filter((row) => row.id === 'load.users-2000.error-rate'),
  )[0];

it.each([
  [600, 'inconclusive', 0.613],
  [6000, 'pass', 0.0615],
] as const)('no error in %i requests against 0.3%% is %s, its upper bound %f%%', (total, verdict, upper) => {
  const evaluation = errorFree(total);
  expect(evaluation).toMatchObject({ verdict, method: 'clopper-pearson', measured: 0 });
  expect(evaluation?.interval?.upper).toBeCloseTo(upper, 3);
});
