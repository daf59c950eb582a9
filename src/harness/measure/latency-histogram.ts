/** HDR latency histograms: record in microseconds (1 us .. 60 s, 3 significant digits), report in ms. */
import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import type { LatencySummary } from '../result/load-result.schema.js';

export type { Histogram } from 'hdr-histogram-js';

/** Lowest and highest recordable latency, in microseconds. */
export const lowestLatencyUs = 1;
export const highestLatencyUs = 60_000_000;

/**
 * A histogram for latencies. Values outside 1 us .. 60 s are clamped rather than dropped, so a
 * stalled request still counts (as 60 s) instead of vanishing from the percentiles.
 * @param significantDigits precision; the timeline uses 2 to keep one histogram per second small.
 * @default significantDigits 3
 */
export function createLatencyHistogram(significantDigits: 2 | 3 = 3): Histogram {
  return hdr.build({
    lowestDiscernibleValue: lowestLatencyUs,
    highestTrackableValue: highestLatencyUs,
    numberOfSignificantValueDigits: significantDigits,
    autoResize: false,
  });
}

/** Records one latency given in milliseconds (fractions allowed). */
export function recordLatencyMs(histogram: Histogram, latencyMs: number): void {
  const us = Math.round(latencyMs * 1000);
  histogram.recordValue(Math.min(highestLatencyUs, Math.max(lowestLatencyUs, us)));
}

/**
 * One histogram holding every value of the given ones. Percentiles of a combined run must come
 * from this, never from averaging the parts' percentiles.
 */
export function mergeHistograms(histograms: Iterable<Histogram>): Histogram {
  const merged = createLatencyHistogram();
  for (const histogram of histograms) merged.add(histogram);
  return merged;
}

const emptySummary: LatencySummary = Object.freeze({
  count: 0,
  min: 0,
  mean: 0,
  stddev: 0,
  p50: 0,
  p75: 0,
  p90: 0,
  p95: 0,
  p99: 0,
  p999: 0,
  max: 0,
});

/** The LatencySummary (ms) of a histogram; all zeros when it is empty. */
export function summarize(histogram: Histogram): LatencySummary {
  if (histogram.totalCount === 0) return emptySummary;
  const ms = (us: number): number => Math.round(us) / 1000;
  return {
    count: histogram.totalCount,
    min: ms(histogram.minNonZeroValue),
    mean: ms(histogram.mean),
    stddev: ms(histogram.stdDeviation),
    p50: ms(histogram.getValueAtPercentile(50)),
    p75: ms(histogram.getValueAtPercentile(75)),
    p90: ms(histogram.getValueAtPercentile(90)),
    p95: ms(histogram.getValueAtPercentile(95)),
    p99: ms(histogram.getValueAtPercentile(99)),
    p999: ms(histogram.getValueAtPercentile(99.9)),
    max: ms(histogram.maxValue),
  };
}
