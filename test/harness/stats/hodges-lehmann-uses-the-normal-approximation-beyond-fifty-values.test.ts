import { expect, test } from 'vitest';
import { hodgesLehmann } from '../../../src/harness/stats/hodges-lehmann.js';

test('beyond n = 50 the interval ends are the Walsh averages the normal approximation picks', () => {
  const n = 60;
  const sample = Array.from({ length: n }, (_, i) => ((i * 37) % n) / 10);
  const walsh: number[] = [];
  for (let i = 0; i < n; i += 1) for (let j = i; j < n; j += 1) walsh.push((sample[i]! + sample[j]!) / 2);
  walsh.sort((a, b) => a - b);
  // P(W+ <= c) ~ Phi((c + 0.5 - mean) / sd) <= 0.025: c = floor(914.5 - 1.959964 * 135.84) = 648, k = 649.
  const k = 649;
  const result = hodgesLehmann(sample);
  expect(result.lower).toBe(walsh[k - 1]);
  expect(result.upper).toBe(walsh[walsh.length - k]);
  expect(result.achievedConfidence).toBeGreaterThanOrEqual(0.95);
  expect(result.achievedConfidence).toBeLessThan(0.951);
});
