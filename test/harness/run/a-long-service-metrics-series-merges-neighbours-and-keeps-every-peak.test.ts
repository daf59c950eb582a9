import { expect, it } from 'vitest';
import { ServiceMetricsSeries } from '../../../src/harness/run/service-metrics-series.js';
import type { MetricSample } from '../../../src/harness/measure/metrics-scrape.js';

const scrape = (inUse: number, waiting: number, hits: number, misses: number): MetricSample[] => [
  { name: 'referral_service_db_pool_in_use', labels: {}, value: inUse },
  { name: 'referral_service_db_pool_waiting', labels: {}, value: waiting },
  { name: 'referral_service_cache_hits_total', labels: { cache: 'profile' }, value: hits },
  { name: 'referral_service_cache_misses_total', labels: { cache: 'profile' }, value: misses },
];

it('a series past its length bound merges neighbouring samples, keeping each peak and summing lookups', () => {
  const series = new ServiceMetricsSeries(scrape(0, 0, 0, 0), 0, 1000, 4);
  // Readings a second apart, each a little early or late; one waiting spike at 4 s; 3 hits and 1 miss a second.
  for (let second = 0; second < 8; second += 1) {
    series.add(second * 1000 + (second % 2 === 0 ? -3 : 3), scrape(second, second === 4 ? 7 : 0, 3 * second, second));
  }
  const { intervalMs, samples } = series.toJSON([{ step: 'load', fromMs: 2500, toMs: 6500, originMs: 2500 }]);

  expect(intervalMs).toBe(2000);
  expect(samples.map((sample) => [sample.atS, sample.poolInUse, sample.poolWaiting])).toEqual([
    [0, 1, 0],
    [2, 3, 0],
    [4, 5, 7],
    [6, 7, 0],
  ]);
  expect(samples.map((sample) => sample.cacheHitRatio.profile)).toEqual([0.75, 0.75, 0.75, 0.75]);
  // Placed on the step's timeline where a merged sample starts inside its measured load.
  expect(samples.map((sample) => [sample.step, sample.second])).toEqual([
    [undefined, undefined],
    [undefined, undefined],
    ['load', 1],
    ['load', 3],
  ]);
  expect(series.peaks).toMatchObject({ poolInUse: 7, poolWaiting: 7 });
});
