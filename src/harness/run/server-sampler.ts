/**
 * Watches the server side while a scenario runs: pg_stat deltas, the service's /metrics, and the
 * peak memory of PostgreSQL and of the service (sampled every second, so the peak under load is seen).
 */
import type pg from 'pg';
import { childPids, postgresPids, processesMemory } from '../measure/process-memory.js';
import { scrapeMetrics, sumOf, type MetricSample } from '../measure/metrics-scrape.js';
import { diffPgStats, snapshotPgStats, type PgSnapshot } from '../measure/pg-stat-sampler.js';
import type { ScenarioResult } from '../result/run-result.schema.js';

type ServerSample = NonNullable<ScenarioResult['server']>;

const cacheNames = ['analytics', 'leaderboard', 'profile'] as const;

export interface MemoryPeaks {
  postgresMemoryBytes: number;
  postgresRssBytes: number;
  serviceRssBytes: number;
}

/** Samples memory every intervalMs until stopped; returns the peaks. */
export function watchMemory(pool: pg.Pool, servicePid: number | undefined, intervalMs = 1000): { stop(): Promise<MemoryPeaks> } {
  const peaks: MemoryPeaks = { postgresMemoryBytes: 0, postgresRssBytes: 0, serviceRssBytes: 0 };
  let running = true;
  const sample = async () => {
    const pgPids = await postgresPids(pool);
    const pss = await processesMemory(pgPids, 'pss');
    const rss = await processesMemory(pgPids, 'rss');
    peaks.postgresMemoryBytes = Math.max(peaks.postgresMemoryBytes, pss.bytes);
    peaks.postgresRssBytes = Math.max(peaks.postgresRssBytes, rss.bytes);
    if (servicePid !== undefined) {
      const service = await processesMemory([servicePid, ...(await childPids(servicePid))], 'rss');
      peaks.serviceRssBytes = Math.max(peaks.serviceRssBytes, service.bytes);
    }
  };
  const loop = (async () => {
    while (running) {
      await sample().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await sample().catch(() => undefined);
      return peaks;
    },
  };
}

export interface ServerSampler {
  /** Call after each step: keeps the worst pool wait and event-loop lag seen. */
  checkpoint(): Promise<void>;
  finish(): Promise<ServerSample & { functionCalls: Readonly<Record<string, number>>; statementsAvailable: boolean }>;
}

export async function startServerSampler(pool: pg.Pool, serviceUrl: string, servicePid: number | undefined): Promise<ServerSampler> {
  const before: PgSnapshot = await snapshotPgStats(pool);
  const metricsBefore: MetricSample[] = (await scrapeMetrics(serviceUrl)) ?? [];
  const memory = watchMemory(pool, servicePid);
  let poolWaiting = 0;
  let eventLoopLagP99Ms = 0;
  const checkpoint = async () => {
    const samples = await scrapeMetrics(serviceUrl);
    if (!samples) return;
    poolWaiting = Math.max(poolWaiting, sumOf(samples, 'referral_service_db_pool_waiting'));
    eventLoopLagP99Ms = Math.max(eventLoopLagP99Ms, sumOf(samples, 'nodejs_eventloop_lag_p99_seconds') * 1000);
  };
  return {
    checkpoint,
    async finish() {
      await checkpoint();
      const metricsAfter = (await scrapeMetrics(serviceUrl)) ?? [];
      const after = await snapshotPgStats(pool);
      const delta = diffPgStats(before, after);
      const peaks = await memory.stop();
      const cacheHitRatio: Record<string, number> = {};
      const cacheLookups: Record<string, { hits: number; misses: number }> = {};
      for (const cache of cacheNames) {
        const hits = sumOf(metricsAfter, 'referral_service_cache_hits_total', { cache }) - sumOf(metricsBefore, 'referral_service_cache_hits_total', { cache });
        const misses = sumOf(metricsAfter, 'referral_service_cache_misses_total', { cache }) - sumOf(metricsBefore, 'referral_service_cache_misses_total', { cache });
        if (hits + misses > 0) {
          cacheHitRatio[cache] = hits / (hits + misses);
          cacheLookups[cache] = { hits: Math.round(hits), misses: Math.round(misses) };
        }
      }
      return {
        pgStatStatementsTop: delta.topStatements.map((s) => ({ ...s, calls: Math.round(s.calls), rows: Math.max(0, Math.round(s.rows)), totalMs: Math.max(0, s.totalMs), meanMs: Math.max(0, s.meanMs) })),
        bufferHitRatio: delta.bufferHitRatio ?? 1,
        serviceMetrics: { poolWaiting, cacheHitRatio, cacheLookups, eventLoopLagP99Ms },
        memory: { ...peaks },
        functionCalls: delta.functionCalls,
        statementsAvailable: delta.statementsAvailable,
      };
    },
  };
}
