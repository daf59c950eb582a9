import { expect, test } from 'vitest';
import { Prng } from '../../../src/core/prng.js';
import { eDivisive } from '../../../src/harness/stats/e-divisive.js';

test('three segments of 40 with means 0, 3, 0 and unit noise give change points within 2 of 40 and 80', () => {
  const source = new Prng(11);
  const series = [0, 3, 0].flatMap((level) => Array.from({ length: 40 }, () => level + source.normal()));
  const { changePoints } = eDivisive(series, { seed: 5 });
  expect(changePoints).toHaveLength(2);
  expect(Math.abs(changePoints[0]! - 40)).toBeLessThanOrEqual(2);
  expect(Math.abs(changePoints[1]! - 80)).toBeLessThanOrEqual(2);
});
