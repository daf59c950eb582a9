import { expect, test } from 'vitest';
import { signedRankTest } from '../../../src/harness/stats/signed-rank.js';
import { referenceSamples } from './reference-samples.js';

// scipy.stats.wilcoxon(sample, alternative=...) in SciPy 1.17.1: W+, p greater, p less, p two-sided.
// Sample 2 has ties (1.06, 1.29), where SciPy enumerates sign flips instead of using the untied law.
const expected: readonly (readonly [number, number, number, number])[] = [
  [45, 0.001953125, 1.0, 0.00390625],
  [45, 0.001953125, 1.0, 0.00390625],
  [5, 0.986328125, 0.01953125, 0.0390625],
  [6, 0.6875, 0.40625, 0.8125],
  [12, 0.421875, 0.65625, 0.84375],
  [35, 0.0078125, 0.99609375, 0.015625],
  [40, 0.1162109375, 0.9033203125, 0.232421875],
  [52, 0.169677734375, 0.849365234375, 0.33935546875],
  [99, 0.012786865234375, 0.989227294921875, 0.02557373046875],
  [130, 0.18413829803466797, 0.8255949020385742, 0.36827659606933594],
];

test.each(referenceSamples.map((sample, i) => [i + 1, sample, expected[i]!] as const))(
  'sample %i: exact signed-rank statistic and p-values match SciPy',
  (_, sample, [wPlus, pGreater, pLess, pTwoSided]) => {
    const greater = signedRankTest(sample, 'greater');
    expect(greater.method).toBe('exact');
    expect(greater.n).toBe(sample.length);
    expect(greater.wPlus).toBe(wPlus);
    expect(greater.pValue).toBeCloseTo(pGreater, 12);
    expect(signedRankTest(sample, 'less').pValue).toBeCloseTo(pLess, 12);
    expect(signedRankTest(sample, 'two-sided').pValue).toBeCloseTo(pTwoSided, 12);
  },
);
