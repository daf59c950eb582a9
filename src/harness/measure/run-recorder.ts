/** Collects every request of one load step (per route) and builds its LoadRunResult. */
import { createLatencyHistogram, mergeHistograms, recordLatencyMs, summarize, type Histogram } from './latency-histogram.js';
import { OutcomeCounter, type RequestOutcome } from './request-outcome.js';
import { Timeline } from './timeline.js';
import type { GeneratorHealth, LoadMode, LoadRunResult } from './load-result.js';

interface RouteRecord { readonly outcomes: OutcomeCounter; readonly latency: Histogram; readonly corrected: Histogram }

/** One finished request. */
export interface RecordedRequest {
  readonly label: string;
  readonly outcome: RequestOutcome;
  /** From the actual send; undefined when the generator cannot tell (autocannon's socket errors). */
  readonly latencyMs: number | undefined;
  /** Open model: from the intended send time. */
  readonly correctedLatencyMs?: number;
  /** `performance.now()` at completion. */
  readonly completedAtMs: number;
}

/** Per-route histograms and counts; the totals come from merging the routes' histograms. */
export class RunRecorder {
  private readonly routes = new Map<string, RouteRecord>();
  private readonly timeline: Timeline;

  /** @param startMs the step's start on the `performance.now()` clock. */
  constructor(startMs: number) {
    this.timeline = new Timeline(startMs);
  }

  /** Records one request. */
  record(request: RecordedRequest): void {
    let route = this.routes.get(request.label);
    if (route === undefined) {
      route = { outcomes: new OutcomeCounter(), latency: createLatencyHistogram(), corrected: createLatencyHistogram() };
      this.routes.set(request.label, route);
    }
    route.outcomes.add(request.outcome);
    if (request.latencyMs !== undefined) recordLatencyMs(route.latency, request.latencyMs);
    if (request.correctedLatencyMs !== undefined) recordLatencyMs(route.corrected, request.correctedLatencyMs);
    this.timeline.record(request.completedAtMs, request.latencyMs, request.outcome.kind === 'error');
  }

  /** The step's result. */
  toResult(step: {
    readonly runner: LoadRunResult['runner'];
    readonly mode: LoadMode;
    readonly durationMs: number;
    readonly concurrency?: number;
    readonly generator: GeneratorHealth;
  }): LoadRunResult {
    const routes = [...this.routes.values()];
    const total = new OutcomeCounter();
    for (const route of routes) total.addAll(route.outcomes);
    const requests = total.toJSON();
    return {
      state: 'completed',
      runner: step.runner,
      mode: step.mode,
      durationMs: Math.round(step.durationMs),
      ...(step.concurrency === undefined ? {} : { concurrency: step.concurrency }),
      throughputRps: step.durationMs > 0 ? Math.round((requests.total / step.durationMs) * 1000 * 10) / 10 : 0,
      requests,
      latency: summarize(mergeHistograms(routes.map((route) => route.latency))),
      ...(step.mode === 'open' ? { correctedLatency: summarize(mergeHistograms(routes.map((route) => route.corrected))) } : {}),
      perRoute: Object.fromEntries([...this.routes].map(([label, route]) => [label, { requests: route.outcomes.toJSON(), latency: summarize(route.latency) }])),
      timeline: this.timeline.toJSON(),
      generator: step.generator,
    };
  }
}
