/** Cost of recording, merging and summarizing latency histograms (`npx tsx bench/latency-histogram.bench.ts`). */
import { Bench } from 'tinybench';
import { createLatencyHistogram, mergeHistograms, recordLatencyMs, summarize } from '../src/harness/measure/latency-histogram.js';
import { createPrng } from '../src/harness/runners/prng.js';

const prng = createPrng(42);
const latencies = Array.from({ length: 10_000 }, () => -Math.log(1 - prng()) * 20);
const parts = Array.from({ length: 10 }, () => {
  const histogram = createLatencyHistogram();
  for (const value of latencies) recordLatencyMs(histogram, value);
  return histogram;
});

const bench = new Bench({ time: 1000 });
bench
  .add('record 10k latencies', () => {
    const histogram = createLatencyHistogram();
    for (const value of latencies) recordLatencyMs(histogram, value);
  })
  .add('merge 10 histograms', () => { mergeHistograms(parts); })
  .add('summarize a histogram', () => { summarize(parts[0] ?? createLatencyHistogram()); });
await bench.run();
console.table(bench.table());
