import { expect, test } from 'vitest';
import { normalCdf, normalQuantile } from '../../../src/harness/stats/normal-distribution.js';

test('the normal quantile hits table values and inverts the CDF from 1e-300 to 1 - 1e-12', () => {
  expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
  expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 14);
  expect(normalQuantile(0.005)).toBeCloseTo(-2.5758293035489004, 14);
  for (const p of [1e-300, 1e-100, 1e-20, 1e-9, 1e-4, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1 - 1e-6, 1 - 1e-12]) {
    const tail = Math.min(p, 1 - p);
    expect(Math.abs(normalCdf(normalQuantile(p)) - p) / tail).toBeLessThan(1e-9);
  }
});
