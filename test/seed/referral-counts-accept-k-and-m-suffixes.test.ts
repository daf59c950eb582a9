import { describe, expect, it } from 'vitest';
import { parseReferralCount } from '../../seed/scale.js';

describe('--referrals values', () => {
  it('accept plain numbers and k / m suffixes, and refuse fractions of a referral', () => {
    expect(['10000', '10k', '10K', '1m', '1.5m', '50m', 2500].map((count) => parseReferralCount(count))).toEqual([
      10_000, 10_000, 10_000, 1_000_000, 1_500_000, 50_000_000, 2500,
    ]);
    expect(() => parseReferralCount('1.0005k')).toThrow(/--referrals/);
  });
});
