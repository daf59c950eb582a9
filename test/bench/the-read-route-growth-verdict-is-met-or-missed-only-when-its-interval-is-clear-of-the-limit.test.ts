import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/core/prng.js';
import { judgeGrowth, routeGrowth } from '../../bench/read-route-growth-verdict.js';

/** `n` latencies around `ms` (log-normal, a tail like a route's), drawn from `seed`. */
function latencies(n: number, ms: number, seed: number): number[] {
  const prng = new Prng(seed);
  return Array.from({ length: n }, () => ms * Math.exp(0.2 * prng.normal()));
}

describe('the read-route growth verdict', () => {
  it('gives identical samples a ratio of 1 and "met"', () => {
    const sample = latencies(300, 2, 1);
    const growth = routeGrowth(sample, [...sample], { seed: 42 });
    expect(growth.p50Ratio).toBe(1);
    expect(growth.p95Ratio?.estimate).toBe(1);
    expect(growth.p95Ratio!.lower).toBeLessThanOrEqual(1);
    expect(growth.p95Ratio!.upper).toBeGreaterThanOrEqual(1);
    expect(growth.p95Ratio!.upper).toBeLessThanOrEqual(1.5);
    expect(growth.verdict).toBe('met');
  });

  it('calls a large side three times slower "missed"', () => {
    const small = latencies(300, 2, 1);
    const growth = routeGrowth(
      small,
      latencies(300, 2, 2).map((ms) => ms * 3),
      { seed: 42 },
    );
    expect(growth.p95Ratio!.estimate).toBeGreaterThan(2.5);
    expect(growth.p95Ratio!.lower).toBeGreaterThan(1.5);
    expect(growth.verdict).toBe('missed');
  });

  it('leaves a few noisy samples "undecided", even when their ratio is under the limit', () => {
    // The same five values on both sides, the slow one in another round.
    const growth = routeGrowth([1, 1, 1, 1, 10], [10, 1, 1, 1, 1], { seed: 42 });
    expect(growth.p95Ratio!.estimate).toBe(1);
    expect(growth.p95Ratio!.lower).toBeLessThan(1.5);
    expect(growth.p95Ratio!.upper).toBeGreaterThan(1.5);
    expect(growth.verdict).toBe('undecided');
  });

  it("keeps each round's pair together: a slowdown both sides shared does not widen the interval", () => {
    // Every tenth round the machine was busy for both sides; the large side is 1.2x throughout.
    const small = Array.from({ length: 300 }, (_, i) => (i % 10 === 0 ? 8 : 1) + (i % 7) / 100);
    const large = small.map((ms) => ms * 1.2);
    const growth = routeGrowth(small, large, { seed: 42 });
    expect(growth.p95Ratio!.lower).toBeCloseTo(1.2, 6);
    expect(growth.p95Ratio!.upper).toBeCloseTo(1.2, 6);
    expect(growth.verdict).toBe('met');
  });

  it('judges the interval against the limit with its ends included as met', () => {
    expect(judgeGrowth({ lower: 1.2, upper: 1.5 })).toBe('met');
    expect(judgeGrowth({ lower: 1.5, upper: 2 })).toBe('undecided');
    expect(judgeGrowth({ lower: 1.5001, upper: 2 })).toBe('missed');
  });

  it('says "error" when a side had a response other than 200, or no latencies', () => {
    const sample = latencies(300, 2, 1);
    expect(routeGrowth(sample, sample, { seed: 42, errors: 1 }).verdict).toBe('error');
    expect(routeGrowth(sample, [], { seed: 42 })).toEqual({ p50Ratio: null, p95Ratio: null, verdict: 'error' });
  });

  it('gives the same interval for the same seed', () => {
    const small = latencies(100, 2, 1);
    const large = latencies(100, 2.4, 2);
    expect(routeGrowth(small, large, { seed: 7 })).toEqual(routeGrowth(small, large, { seed: 7 }));
  });
});
