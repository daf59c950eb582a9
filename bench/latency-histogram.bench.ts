/** Cost of recording, merging and summarizing latency histograms (`npx tsx bench/latency-histogram.bench.ts`). */
import {
  createLatencyHistogram,
  mergeHistograms,
  recordLatencyMs,
  summarize,
} from '../src/harness/measure/latency-histogram.js';
import { createPrng } from '../src/core/prng-function.js';
import { isMain, printBench, type MicroTask } from './micro-task.js';

export function latencyHistogramTasks(): MicroTask[] {
  const prng = createPrng(42);
  const latencies = Array.from({ length: 10_000 }, () => -Math.log(1 - prng()) * 20);
  const parts = Array.from({ length: 10 }, () => {
    const histogram = createLatencyHistogram();
    for (const value of latencies) recordLatencyMs(histogram, value);
    return histogram;
  });
  return [
    {
      name: 'record 10k latencies',
      fn: () => {
        const histogram = createLatencyHistogram();
        for (const value of latencies) recordLatencyMs(histogram, value);
        return histogram;
      },
    },
    { name: 'merge 10 histograms', fn: () => mergeHistograms(parts) },
    { name: 'summarize a histogram', fn: () => summarize(parts[0] ?? createLatencyHistogram()) },
  ];
}

if (isMain(import.meta.url)) await printBench(latencyHistogramTasks(), { time: 1000 });
