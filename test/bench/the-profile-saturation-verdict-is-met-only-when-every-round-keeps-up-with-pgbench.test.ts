import { describe, expect, it } from 'vitest';
import { judgeSaturation, roundRatio } from '../../bench/profile-saturation-verdict.js';

describe('the profile-saturation verdict', () => {
  it('compares the best service rate of a round with the best pgbench rate of the same round', () => {
    // The service peaks at 16 connections, pgbench at 32: best against best.
    expect(roundRatio({ service: [800, 950, 900], pgbench: [900, 1000, 1000] })).toBe(0.95);
  });

  it('is "met" when the median and every round are at or above 0.9x', () => {
    const judgement = judgeSaturation([
      { service: [900], pgbench: [1000] },
      { service: [950, 980], pgbench: [1000, 990] },
      { service: [1200], pgbench: [1000] },
    ]);
    expect(judgement.ratios).toEqual([0.9, 0.98, 1.2]);
    expect(judgement.median).toBe(0.98);
    expect(judgement.verdict).toBe('met');
  });

  it('is "missed" when every round is below 0.9x', () => {
    const judgement = judgeSaturation([
      { service: [500], pgbench: [1000] },
      { service: [899], pgbench: [1000] },
    ]);
    expect(judgement.median).toBeCloseTo(0.6995, 10);
    expect(judgement.verdict).toBe('missed');
  });

  it('is "undecided" when the rounds fall on both sides of 0.9x, even with the median above it', () => {
    const judgement = judgeSaturation([
      { service: [1000], pgbench: [1000] },
      { service: [850], pgbench: [1000] },
      { service: [950], pgbench: [1000] },
    ]);
    expect(judgement.median).toBe(0.95);
    expect(judgement.verdict).toBe('undecided');
  });

  it('is "undecided" when pgbench did nothing in a round', () => {
    const judgement = judgeSaturation([
      { service: [1000], pgbench: [1000] },
      { service: [1000], pgbench: [0] },
    ]);
    expect(judgement.ratios).toEqual([1, null]);
    expect(judgement.median).toBeNull();
    expect(judgement.verdict).toBe('undecided');
  });
});
