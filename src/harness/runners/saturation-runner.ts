/**
 * Closed-loop saturation over autocannon: N connections, each sending its next request as soon
 * as the previous response arrives ("how many requests per second, at what latency").
 */
import autocannon from 'autocannon';
import { startGeneratorMonitor, type GeneratorSamples } from '../measure/generator-monitor.js';
import { assessGeneratorHealth, type BottleneckLimits } from '../measure/generator-health.js';
import { classifyError, classifyStatus } from '../../model/request-outcome.js';
import { RunRecorder } from '../measure/run-recorder.js';
import type { LoadRunResult } from '../result/load-result.schema.js';
import { assertLoadTarget, type LoadTarget } from './load-bounds.js';
import type { LoadRequest } from '../../model/load-request.js';

/**
 * The saturation runner records every response from its start, as one load: it takes no warm-up,
 * no caller's recorder and no abort signal, and its options say so (the benches that use it warm
 * up with a run of their own).
 */
export interface SaturationOptions extends Omit<LoadTarget, 'warmupMs' | 'record' | 'abort'> {
  /** Concurrent connections, no think time. */
  readonly connections: number;
  /** Requests each connection cycles through. @default one GET of the URL's path */
  readonly requests?: readonly LoadRequest[];
  /** @default 30000 */
  readonly requestTimeoutMs?: number;
  readonly bottleneckLimits?: BottleneckLimits;
}

/**
 * Runs autocannon until durationMs or maxRequests. autocannon ignores its duration when given an
 * amount, so the duration bound is our own timer calling `stop()`. Latencies are recorded into
 * our own histograms from its per-response events (autocannon's summary lacks p95).
 */
export async function runSaturation(options: SaturationOptions): Promise<LoadRunResult> {
  const url = assertLoadTarget(options);
  const requests = options.requests ?? [{ method: 'GET', path: url.pathname, label: 'saturation' }];
  const basePath = options.requests === undefined ? '' : url.pathname.replace(/\/$/, '');
  // Responses cannot be told apart by request under autocannon, so one label covers them all.
  const label = [...new Set(requests.map((request) => request.label))].join('+');
  const expectedStatuses = [...new Set(requests.flatMap((request) => request.expectedStatuses ?? []))];
  // autocannon refuses more connections than requests.
  const connections = Math.min(options.connections, options.maxRequests);
  const monitor = startGeneratorMonitor();
  const startMs = performance.now();
  const recorder = new RunRecorder(startMs, { durationMs: options.durationMs, repetitions: options.repetitions ?? 1 });

  let samples: GeneratorSamples;
  try {
    await new Promise<void>((resolve, reject) => {
      const instance = autocannon(
        {
          url: url.origin,
          connections,
          pipelining: 1,
          amount: options.maxRequests,
          timeout: Math.ceil((options.requestTimeoutMs ?? 30_000) / 1000),
          requests: requests.map((request) => ({
            method: request.method,
            path: basePath + request.path,
            headers: {
              ...request.headers,
              ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
          })),
        },
        (error: unknown) => {
          clearTimeout(timer);
          if (error) reject(error instanceof Error ? error : new Error(String(error)));
          else resolve();
        },
      );
      const timer = setTimeout(() => instance.stop(), options.durationMs);
      instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
        recorder.record({
          label,
          outcome: classifyStatus(statusCode, expectedStatuses),
          latencyMs: responseTime,
          completedAtMs: performance.now(),
        });
      });
      instance.on('reqError', (error: unknown) => {
        recorder.record({
          label,
          outcome: classifyError(error),
          latencyMs: undefined,
          completedAtMs: performance.now(),
        });
      });
    });
  } finally {
    samples = monitor.stop();
  }
  return recorder.toResult({
    runner: 'autocannon',
    mode: 'saturation',
    durationMs: performance.now() - startMs,
    concurrency: connections,
    generator: assessGeneratorHealth(samples, undefined, options.bottleneckLimits),
  });
}
