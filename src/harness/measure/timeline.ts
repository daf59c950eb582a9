/** Per-second request counts and latency percentiles of one load step. */
import { createLatencyHistogram, recordLatencyMs, type Histogram } from './latency-histogram.js';
import type { TimelinePoint } from '../result/load-result.schema.js';

interface Bucket {
  requests: number;
  errors: number;
  readonly histogram: Histogram;
}

/** Buckets requests by the second (since the step's start) in which they completed. */
export class Timeline {
  private readonly buckets: Bucket[] = [];

  /** @param startMs the step's start on the `performance.now()` clock. */
  constructor(private readonly startMs: number) {}

  /** Records one finished request. */
  record(completedAtMs: number, latencyMs: number | undefined, isError: boolean): void {
    const second = Math.max(0, Math.floor((completedAtMs - this.startMs) / 1000));
    for (let i = this.buckets.length; i <= second; i += 1)
      this.buckets.push({ requests: 0, errors: 0, histogram: createLatencyHistogram(2) });
    const bucket = this.buckets[second] as Bucket;
    bucket.requests += 1;
    if (isError) bucket.errors += 1;
    if (latencyMs !== undefined) recordLatencyMs(bucket.histogram, latencyMs);
  }

  /** The plain-JSON points, one per second (empty seconds included, so gaps show). */
  toJSON(): TimelinePoint[] {
    const ms = (us: number): number => Math.round(us) / 1000;
    return this.buckets.map((bucket, second) => ({
      second,
      requests: bucket.requests,
      errors: bucket.errors,
      p50: bucket.histogram.totalCount === 0 ? 0 : ms(bucket.histogram.getValueAtPercentile(50)),
      p95: bucket.histogram.totalCount === 0 ? 0 : ms(bucket.histogram.getValueAtPercentile(95)),
      p99: bucket.histogram.totalCount === 0 ? 0 : ms(bucket.histogram.getValueAtPercentile(99)),
    }));
  }
}
