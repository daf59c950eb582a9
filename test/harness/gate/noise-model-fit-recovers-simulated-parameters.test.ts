import { expect, test } from 'vitest';
import { Prng } from '../../../src/core/prng.js';
import { fitNoiseModel } from '../../../src/harness/gate/noise-model.js';
import type { NoiseModel } from '../../../src/harness/gate/noise-model.js';
import { simulateNoisyPairs } from './simulate-noisy-pairs.js';

test('fitting 50 series of 200 simulated A/A pairs recovers the noise model that drew them', () => {
  const truth: NoiseModel = { runSd: 0.06, driftSd: 0.03, slowRunProbability: 0.03, slowRunFactor: 1.6 };
  const source = new Prng(99);
  const fitted = fitNoiseModel(Array.from({ length: 50 }, () => simulateNoisyPairs(truth, 200, 0, source)));
  expect(fitted.runSd).toBeGreaterThan(0.055);
  expect(fitted.runSd).toBeLessThan(0.066);
  expect(fitted.driftSd).toBeGreaterThan(0.022);
  expect(fitted.driftSd).toBeLessThan(0.038);
  expect(fitted.slowRunProbability).toBeGreaterThan(0.02);
  expect(fitted.slowRunProbability).toBeLessThan(0.04);
  expect(fitted.slowRunFactor).toBeGreaterThan(1.45);
  expect(fitted.slowRunFactor).toBeLessThan(1.8);
});
