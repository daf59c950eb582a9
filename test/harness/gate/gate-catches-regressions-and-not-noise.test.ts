import { expect, test } from 'vitest';
import { Prng } from '../../../src/core/prng.js';
import { decidePairs, type GateVerdict, type PairedMetric } from '../../../src/harness/gate/decide-pairs.js';
import { resolveGateConfig } from '../../../src/harness/gate/gate-config.js';
import type { NoiseModel } from '../../../src/harness/gate/noise-model.js';
import { gatedStatistics, metricId } from '../../../src/harness/gate/paired-metrics.js';
import { gateSettings } from '../../../src/harness/gate/run-revision-gate.js';
import { simulateNoisyPairs } from './simulate-noisy-pairs.js';

/**
 * This machine's noise, fitted with fitNoiseModel (src/harness/gate/noise-model.ts) from the 30
 * pairs of an A/A gate run on a quiet machine, pooled over its three gated routes:
 * `referral-bench gate --aa --pairs 30 --max-pairs 30` (defaults otherwise: 12 s a side, 50
 * req/s), 2026-12-01, its gate.json, refitted with `referral-bench fit-noise <gate.json>` (which
 * prints these four figures per statistic). p50 and p95 apart: a run holds about 200 requests a route,
 * and its p95 is noisier than its median. (At 6 s a side the p50 noise was 0.028 and a 10%
 * regression was caught in only 56.5% of trials at 20 pairs; hence the 12 s default.)
 */
const noise: Readonly<Record<'p50' | 'p95', NoiseModel>> = {
  p50: { runSd: 0.0215, driftSd: 0.0337, slowRunProbability: 0.0111, slowRunFactor: 1.111 },
  p95: { runSd: 0.0556, driftSd: 0.1106, slowRunProbability: 0.0111, slowRunFactor: 1.312 },
};

/** The gate as it ships: its default routes, statistics, pairs, margin and alpha per look. */
const settings = gateSettings(resolveGateConfig({ aa: true, cwd: '.', env: {} }));
const trials = 1000;

/**
 * One trial of the gate's sequence of looks: `settings.pairs` pairs, then more in steps of
 * `extensionPairs` while inconclusive, up to `maxPairs`; the injected regression slows the first
 * route's every statistic. Returns the verdict at the first look and the final one.
 */
function gateTrial(effect: number, source: Prng): { first: GateVerdict; final: GateVerdict } {
  const series = settings.routes.flatMap((route, i) =>
    gatedStatistics.map((statistic) => ({
      id: metricId(route, statistic.name),
      unit: statistic.unit,
      higherIsBetter: statistic.higherIsBetter,
      pairs: simulateNoisyPairs(noise[statistic.name], settings.maxPairs, i === 0 ? effect : 0, source),
    })),
  );
  const decide = (pairs: number) =>
    decidePairs(
      series.map((metric): PairedMetric => ({ ...metric, pairs: metric.pairs.slice(0, pairs) })),
      { marginPct: settings.marginPct, alpha: settings.alphaPerLook },
    ).verdict;
  const first = decide(settings.pairs);
  let final = first;
  for (
    let pairs = settings.pairs + settings.extensionPairs;
    final === 'inconclusive' && pairs <= settings.maxPairs;
    pairs += settings.extensionPairs
  )
    final = decide(pairs);
  return { first, final };
}

function regressionRates(effect: number, seed: number): { first: number; final: number } {
  const source = new Prng(seed);
  let first = 0;
  let final = 0;
  for (let trial = 0; trial < trials; trial += 1) {
    const verdicts = gateTrial(effect, source);
    if (verdicts.first === 'regression') first += 1;
    if (verdicts.final === 'regression') final += 1;
  }
  return { first: first / trials, final: final / trials };
}

test("on this machine's fitted noise the gate flags at most 1% of A/A trials, 95% of 15% regressions and 80% of 10% ones, at 20 pairs", () => {
  const rates = { aa: regressionRates(0, 1), fifteen: regressionRates(0.15, 2), ten: regressionRates(0.1, 3) };
  const line = (what: string, rate: { first: number; final: number }) =>
    `${what}: ${(rate.first * 100).toFixed(1)}% of ${trials} trials at ${settings.pairs} pairs, ${(rate.final * 100).toFixed(1)}% after extending to up to ${settings.maxPairs}`;
  console.log(line('A/A false regression rate', rates.aa));
  console.log(line('15% regression caught', rates.fifteen));
  console.log(line('10% regression caught', rates.ten));
  expect(rates.aa.final).toBeLessThanOrEqual(0.01);
  expect(rates.fifteen.first).toBeGreaterThanOrEqual(0.95);
  expect(rates.ten.first).toBeGreaterThanOrEqual(0.8);
});
