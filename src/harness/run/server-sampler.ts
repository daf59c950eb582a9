/**
 * Watches the server side while a scenario runs: pg_stat deltas; the service's /metrics, read
 * every second, so the pool's peak under load is seen (service-metrics-series.ts); and the memory
 * of PostgreSQL and of the service: sampled every second, so the peak under load is seen, and
 * kept every ten seconds as a series whose slope shows a leak (the soak's question).
 */
import type pg from 'pg';
import { childPids, postgresPids, processesMemory, processesPrivateMemory } from '../measure/process-memory.js';
import { scrapeMetrics, type MetricSample } from '../measure/metrics-scrape.js';
import { diffPgStats, snapshotPgStats, type PgSnapshot } from '../measure/pg-stat-sampler.js';
import type { MemoryOverTime, ServerSample } from '../result/run-result.schema.js';
import { theilSenInterval } from '../stats/theil-sen.js';
import { cacheNames, counters, ServiceMetricsSeries, type StepWindow } from './service-metrics-series.js';

export interface MemoryPeaks {
  postgresMemoryBytes: number;
  postgresRssBytes: number;
  serviceRssBytes: number;
}

type MemorySample = MemoryOverTime['samples'][number];

/** Fewer samples than this give no slope: ten points, at 10 s, are a minute and a half. */
const fewestForSlope = 10;
/** The warm-up a trend leaves out: the first third of the series, and at least this. */
const shortestWarmupS = 300;
const bytesPerHour = (perSecond: { estimate: number; low: number; high: number }) => ({
  estimate: Math.round(perSecond.estimate * 3600),
  low: Math.round(perSecond.low * 3600),
  high: Math.round(perSecond.high * 3600),
});

/** The series with each memory's Theil-Sen slope (bytes per hour) and its interval. */
export function memoryOverTime(samples: readonly MemorySample[], intervalMs: number): MemoryOverTime {
  const fittedFromS = Math.max(shortestWarmupS, (samples.at(-1)?.atS ?? 0) / 3);
  const fitted = samples.filter((sample) => sample.atS >= fittedFromS);
  if (fitted.length < fewestForSlope) return { intervalMs, samples };
  const at = fitted.map((sample) => sample.atS);
  const privateBytes = fitted.map((sample) => sample.postgresPrivateBytes);
  const everyPrivate = privateBytes.every((bytes): bytes is number => bytes !== undefined);
  return {
    intervalMs,
    samples,
    fittedFromS,
    slopes: {
      postgresBytesPerHour: bytesPerHour(
        theilSenInterval(
          at,
          fitted.map((sample) => sample.postgresMemoryBytes),
        ),
      ),
      serviceBytesPerHour: bytesPerHour(
        theilSenInterval(
          at,
          fitted.map((sample) => sample.serviceRssBytes),
        ),
      ),
      ...(everyPrivate ? { postgresPrivateBytesPerHour: bytesPerHour(theilSenInterval(at, privateBytes)) } : {}),
    },
  };
}

/**
 * Runs `task` every `intervalMs` on a fixed grid from now, one run at a time (a failed one is
 * skipped, a late one skips the ticks it overran), until stopped. A fixed grid, not a pause after
 * each run: a slow run would otherwise shift every later sample and leave seconds without one.
 */
function repeatEvery(intervalMs: number, task: () => Promise<void>): { stop(): Promise<void> } {
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  let wake: () => void = () => undefined;
  const loop = (async () => {
    let next = performance.now();
    while (running) {
      await task().catch(() => undefined);
      const now = performance.now();
      while (next <= now) next += intervalMs;
      if (!running) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, next - now);
      });
    }
  })();
  return {
    async stop() {
      running = false;
      clearTimeout(timer);
      wake();
      await loop;
    },
  };
}

/** Samples memory every intervalMs until stopped, keeping one sample every seriesEveryMs; returns the peaks and the series. */
export function watchMemory(
  pool: pg.Pool,
  servicePid: number | undefined,
  startedMs: number,
  intervalMs = 1000,
  seriesEveryMs = 10_000,
): { stop(): Promise<MemoryPeaks & { overTime: MemoryOverTime }> } {
  const peaks: MemoryPeaks = { postgresMemoryBytes: 0, postgresRssBytes: 0, serviceRssBytes: 0 };
  const series: MemorySample[] = [];
  const sample = async () => {
    const atMs = performance.now() - startedMs;
    const pgPids = await postgresPids(pool);
    const pss = await processesMemory(pgPids, 'pss');
    const rss = await processesMemory(pgPids, 'rss');
    peaks.postgresMemoryBytes = Math.max(peaks.postgresMemoryBytes, pss.bytes);
    peaks.postgresRssBytes = Math.max(peaks.postgresRssBytes, rss.bytes);
    let serviceBytes = 0;
    if (servicePid !== undefined) {
      serviceBytes = (await processesMemory([servicePid, ...(await childPids(servicePid))], 'rss')).bytes;
      peaks.serviceRssBytes = Math.max(peaks.serviceRssBytes, serviceBytes);
    }
    if (series.length === 0 || atMs >= series.length * seriesEveryMs) {
      const privateBytes = await processesPrivateMemory(pgPids);
      series.push({
        atS: Math.round(atMs / 100) / 10,
        postgresMemoryBytes: pss.bytes,
        serviceRssBytes: serviceBytes,
        ...(privateBytes === undefined ? {} : { postgresPrivateBytes: privateBytes }),
      });
    }
  };
  const loop = repeatEvery(intervalMs, sample);
  return {
    async stop() {
      await loop.stop();
      await sample().catch(() => undefined);
      return { ...peaks, overTime: memoryOverTime(series, seriesEveryMs) };
    },
  };
}

/** A scenario's server side being watched; `finish` stops the watching and returns what it saw. */
export interface ServerSampler {
  /** Tells the sampler where a step's measured load ran, so the samples taken in it are placed on the step's timeline. */
  markStep(window: StepWindow): void;
  finish(): Promise<ServerSample & { functionCalls: Readonly<Record<string, number>>; statementsAvailable: boolean }>;
}

/**
 * Watches the server from now until `finish`: pg_stat deltas over the whole time, memory and the
 * service's /metrics every `intervalMs` (ms) during it.
 */
export async function startServerSampler(
  pool: pg.Pool,
  serviceUrl: string,
  servicePid: number | undefined,
  intervalMs = 1000,
): Promise<ServerSampler> {
  const before: PgSnapshot = await snapshotPgStats(pool);
  const metricsBefore: MetricSample[] = (await scrapeMetrics(serviceUrl)) ?? [];
  const startedMs = performance.now();
  const memory = watchMemory(pool, servicePid, startedMs, intervalMs);
  const series = new ServiceMetricsSeries(metricsBefore, startedMs, intervalMs);
  // Its own loop: a scrape the busy service answers slowly must not hold the memory samples back.
  const metrics = repeatEvery(intervalMs, async () => {
    const atMs = performance.now();
    const samples = await scrapeMetrics(serviceUrl);
    if (samples) series.add(atMs, samples);
  });
  const windows: StepWindow[] = [];
  return {
    markStep(window) {
      windows.push(window);
    },
    async finish() {
      await metrics.stop();
      const metricsAfter = (await scrapeMetrics(serviceUrl)) ?? [];
      const after = await snapshotPgStats(pool);
      const delta = diffPgStats(before, after);
      const { overTime, ...peaks } = await memory.stop();
      const cacheHitRatio: Record<string, number> = {};
      const cacheLookups: Record<string, { hits: number; misses: number }> = {};
      for (const cache of cacheNames) {
        const [first, last] = [counters(metricsBefore, cache), counters(metricsAfter, cache)];
        const hits = last.hits - first.hits;
        const misses = last.misses - first.misses;
        // Counts that went down lost a restarted process's share (the service, or one of its
        // workers, whose counts every scrape sums) and say nothing of the scenario, so no ratio is given.
        if (hits >= 0 && misses >= 0 && hits + misses > 0) {
          cacheHitRatio[cache] = hits / (hits + misses);
          cacheLookups[cache] = { hits: Math.round(hits), misses: Math.round(misses) };
        }
      }
      const overTimeOfMetrics = series.toJSON(windows);
      const { poolWaiting, poolInUse, eventLoopLagP99Ms } = series.peaks;
      return {
        pgStatStatementsTop: delta.topStatements.map((s) => ({
          ...s,
          calls: Math.round(s.calls),
          rows: Math.max(0, Math.round(s.rows)),
          totalMs: Math.max(0, s.totalMs),
          meanMs: Math.max(0, s.meanMs),
        })),
        ...(delta.statementsAvailable && { statementsTotalMs: Math.max(0, delta.statementsTotalMs) }),
        bufferHitRatio: delta.bufferHitRatio ?? 1,
        serviceMetrics: { poolWaiting, poolInUse, cacheHitRatio, cacheLookups, eventLoopLagP99Ms },
        memory: { ...peaks },
        ...(overTime.samples.length >= 2 ? { memoryOverTime: overTime } : {}),
        ...(overTimeOfMetrics.samples.length > 0 ? { serviceMetricsOverTime: overTimeOfMetrics } : {}),
        functionCalls: delta.functionCalls,
        statementsAvailable: delta.statementsAvailable,
      };
    },
  };
}
