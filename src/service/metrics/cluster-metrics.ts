/**
 * /metrics under node:cluster. Workers share the listening socket, so a scrape reaches whichever
 * worker the primary handed the connection to. That worker asks the primary, which collects every
 * worker's metrics as JSON over IPC and merges them with prom-client's aggregation (each metric by
 * its own aggregator: counters and histograms summed, event-loop lag averaged, the available pool
 * connections the fewest of any worker), so every scrape describes the whole service.
 */
import type { Serializable } from 'node:child_process';
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import { ApiError } from '../errors.js';
import type { PromMetrics } from './prom-metrics.js';

type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

/** Worker to primary: render the whole service's metrics. */
interface ScrapeRequest {
  readonly type: 'referral-bench:metrics-scrape';
  readonly id: number;
}
/** Primary to worker: the rendered text, or why there is none. */
interface ScrapeAnswer {
  readonly type: 'referral-bench:metrics-scraped';
  readonly id: number;
  readonly text?: string;
  readonly error?: string;
}
/** Primary to worker: send your own metrics. */
interface CollectRequest {
  readonly type: 'referral-bench:metrics-collect';
  readonly id: number;
}
/** Worker to primary: its own metrics. */
interface CollectAnswer {
  readonly type: 'referral-bench:metrics-collected';
  readonly id: number;
  readonly metrics?: MetricsJson;
}

/**
 * How long the primary waits for each worker's metrics. A worker that does not answer in time
 * (busy past this, starting or dying) fails that scrape (503) rather than leaving its counts out.
 */
const collectTimeoutMs = 2000;
/** How long a worker waits for the primary's answer before the scrape fails. */
const scrapeTimeoutMs = collectTimeoutMs + 3000;

/**
 * Sends over an IPC channel that may close meanwhile (a worker exiting): with a callback, a closed
 * channel is reported to it instead of as an 'error' event, which nothing listens to and which would
 * crash the process.
 */
function send(
  channel: { send?: (message: Serializable, callback: (error: Error | null) => void) => boolean },
  message: Serializable,
  onError: () => void = () => undefined,
): void {
  if (!channel.send) return onError();
  channel.send(message, (error) => {
    if (error) onError();
  });
}

function isMessage<T extends { type: string }>(message: unknown, type: T['type']): message is T {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === type &&
    typeof (message as { id?: unknown }).id === 'number'
  );
}

/**
 * The exposition text of several workers' metrics (each from PromMetrics.toJSON) merged, each
 * metric by its aggregator: a sum unless the metric names another.
 */
export function mergeWorkerMetrics(workers: readonly MetricsJson[]): Promise<string> {
  return AggregatorRegistry.aggregate([...workers]).metrics();
}

/**
 * Run in the cluster primary: answers the workers' scrapes with every worker's metrics merged.
 * Without it a worker's scrape fails with METRICS_UNAVAILABLE. Returns the function that stops it.
 */
export function serveClusterMetrics(): () => void {
  let nextCollect = 0;
  const pending = new Map<
    number,
    { readonly worker: Worker; readonly settle: (metrics: MetricsJson | undefined) => void }
  >();

  const collectFrom = (worker: Worker): Promise<MetricsJson | undefined> =>
    new Promise((resolve) => {
      const id = nextCollect++;
      const settle = (metrics: MetricsJson | undefined) => {
        clearTimeout(timer);
        pending.delete(id);
        resolve(metrics);
      };
      const timer = setTimeout(() => settle(undefined), collectTimeoutMs);
      pending.set(id, { worker, settle });
      send(worker, { type: 'referral-bench:metrics-collect', id } satisfies CollectRequest, () => settle(undefined));
    });

  const scrape = async (asker: Worker, id: number) => {
    let answer: ScrapeAnswer;
    try {
      const workers = Object.values(cluster.workers ?? {}).filter(
        (worker): worker is Worker => worker?.isConnected() === true,
      );
      const collected = await Promise.all(workers.map(collectFrom));
      const missing = collected.filter((metrics) => metrics === undefined).length;
      // A sum without a worker's counts goes down, which Prometheus reads as a counter reset (and
      // a rate spike): a failed scrape, which it records as no sample, is the honest answer.
      if (missing > 0)
        throw new Error(
          `${missing} of ${workers.length} workers sent no metrics within ${collectTimeoutMs} ms (starting, stopping or busy)`,
        );
      answer = {
        type: 'referral-bench:metrics-scraped',
        id,
        text: await mergeWorkerMetrics(collected.filter((metrics) => metrics !== undefined)),
      };
    } catch (error: unknown) {
      answer = {
        type: 'referral-bench:metrics-scraped',
        id,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    if (asker.isConnected()) send(asker, answer);
  };

  const onMessage = (worker: Worker, message: unknown) => {
    if (isMessage<ScrapeRequest>(message, 'referral-bench:metrics-scrape')) void scrape(worker, message.id);
    else if (isMessage<CollectAnswer>(message, 'referral-bench:metrics-collected')) {
      const waiting = pending.get(message.id);
      if (waiting?.worker === worker) waiting.settle(message.metrics);
    }
  };
  cluster.on('message', onMessage);
  return () => {
    cluster.off('message', onMessage);
    for (const { settle } of [...pending.values()]) settle(undefined);
  };
}

/** A worker's share in the cluster's metrics: `render` is the whole service's exposition text. */
export interface ClusterMetricsMember {
  render(): Promise<string>;
  /** Stops answering the primary and fails the scrapes still waiting (the app is closing). */
  leave(): void;
}

/**
 * Run in a cluster worker with the app's own metrics: answers the primary's collections with
 * them, and renders scrapes through the primary (serveClusterMetrics).
 */
export function joinClusterMetrics(local: Pick<PromMetrics, 'toJSON'>): ClusterMetricsMember {
  let nextScrape = 0;
  const waiting = new Map<number, (answer: ScrapeAnswer | undefined) => void>();

  const onMessage = (message: unknown) => {
    if (isMessage<CollectRequest>(message, 'referral-bench:metrics-collect')) {
      const { id } = message;
      local.toJSON().then(
        (metrics) => send(process, { type: 'referral-bench:metrics-collected', id, metrics } satisfies CollectAnswer),
        () => send(process, { type: 'referral-bench:metrics-collected', id } satisfies CollectAnswer),
      );
    } else if (isMessage<ScrapeAnswer>(message, 'referral-bench:metrics-scraped')) {
      waiting.get(message.id)?.(message);
    }
  };
  process.on('message', onMessage);

  return {
    render() {
      const id = nextScrape++;
      return new Promise<string>((resolve, reject) => {
        const settle = (answer: ScrapeAnswer | undefined) => {
          clearTimeout(timer);
          waiting.delete(id);
          if (answer?.text !== undefined) return resolve(answer.text);
          // The message stays the catalogue's (no internals in answers); the cause says what failed.
          reject(
            new ApiError('METRICS_UNAVAILABLE', undefined, {
              cause: new Error(answer?.error ?? 'the primary did not answer'),
            }),
          );
        };
        const timer = setTimeout(() => settle(undefined), scrapeTimeoutMs);
        waiting.set(id, settle);
        send(process, { type: 'referral-bench:metrics-scrape', id } satisfies ScrapeRequest, () => settle(undefined));
      });
    },
    leave() {
      process.off('message', onMessage);
      for (const settle of [...waiting.values()]) settle(undefined);
    },
  };
}
