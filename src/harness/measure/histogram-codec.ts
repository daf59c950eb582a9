/**
 * Latency histograms as text, stored beside their summaries in the result, so the results of
 * several load generators can be merged histogram by histogram and their percentiles recomputed.
 */
import * as hdr from 'hdr-histogram-js';
import type { LatencySummary } from '../result/load-result.schema.js';
import { summarize, type Histogram } from './latency-histogram.js';

/** The HDR histogram's standard compressed form (V2 encoding, deflated, base64), readable by any HDR library. */
export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

/** A histogram from {@link encodeHistogram}'s text; it keeps the buckets, so its max is its bucket's highest value. */
export function decodeHistogram(text: string): Histogram {
  return hdr.decodeFromCompressedBase64(text);
}

/** The summary of a histogram, carrying the histogram itself. */
export function summarizeWithHistogram(histogram: Histogram): LatencySummary {
  return { ...summarize(histogram), histogram: encodeHistogram(histogram) };
}
