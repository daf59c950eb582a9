import { describe, expect, it } from 'vitest';
import { judgeSeeding } from '../../bench/seed-throughput-verdict.js';

describe('judgeSeeding', () => {
  it('meets the goal only when the whole interval of the repetitions is at or under 1.3x', () => {
    const judged = judgeSeeding([1.1, 1.12, 1.15, 1.13, 1.11]);
    expect(judged.verdict).toBe('met');
    expect(judged.upper).toBeLessThanOrEqual(1.3);
    expect(judged.ratio).toBeGreaterThan(1.1);
  });

  it('misses it only when the whole interval is over 1.3x', () => {
    const judged = judgeSeeding([1.5, 1.45, 1.55, 1.48, 1.52]);
    expect(judged.verdict).toBe('missed');
    expect(judged.lower).toBeGreaterThan(1.3);
  });

  it('leaves repetitions whose interval holds 1.3x undecided, whatever their mean', () => {
    for (const ratios of [
      [1.2, 1.4, 1.25, 1.38, 1.3],
      [1.22, 1.85, 1.46],
    ]) {
      const judged = judgeSeeding(ratios);
      expect(judged.verdict).toBe('undecided');
      expect(judged.lower).toBeLessThanOrEqual(1.3);
      expect(judged.upper).toBeGreaterThan(1.3);
    }
  });

  it('judges a single repetition as read, and nothing measured as missed', () => {
    expect(judgeSeeding([1.29])).toEqual({ ratio: 1.29, lower: null, upper: null, verdict: 'met' });
    expect(judgeSeeding([1.31]).verdict).toBe('missed');
    expect(judgeSeeding([]).verdict).toBe('missed');
  });
});
