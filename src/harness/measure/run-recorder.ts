/**
 * Collects every request of one load step (per route, and per repetition) and builds its
 * LoadRunResult. The measured load is cut into equal consecutive repetitions by completion time:
 * the load runs on without a pause (one warm-up serves them all), and each repetition is
 * summarised on its own, so a figure's spread across repetitions can be estimated.
 */
import { createLatencyHistogram, mergeHistograms, recordLatencyMs, type Histogram } from './latency-histogram.js';
import { summarizeWithHistogram } from './histogram-codec.js';
import type { RequestOutcome } from '../../model/request-outcome.js';
import { OutcomeCounter } from './outcome-counter.js';
import { Timeline } from './timeline.js';
import type { GeneratorHealth, LoadMode, LoadRepetition, LoadRunResult } from '../result/load-result.schema.js';

interface RouteRecord {
  readonly outcomes: OutcomeCounter;
  readonly latency: Histogram;
  readonly corrected: Histogram;
}
type Routes = Map<string, RouteRecord>;

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

/** How the measured load is cut into repetitions. */
export interface RepetitionPlan {
  /** The measured load's planned length, ms. */
  readonly durationMs: number;
  /** Equal consecutive slices of it. @default 1 */
  readonly repetitions?: number;
}

function routeRecord(routes: Routes, label: string): RouteRecord {
  let route = routes.get(label);
  if (route === undefined) {
    route = { outcomes: new OutcomeCounter(), latency: createLatencyHistogram(), corrected: createLatencyHistogram() };
    routes.set(label, route);
  }
  return route;
}

function figures(routes: Routes, durationMs: number, mode: LoadMode) {
  const records = [...routes.values()];
  const total = new OutcomeCounter();
  for (const route of records) total.addAll(route.outcomes);
  const requests = total.toJSON();
  return {
    throughputRps: durationMs > 0 ? Math.round((requests.total / durationMs) * 1000 * 10) / 10 : 0,
    requests,
    latency: summarizeWithHistogram(mergeHistograms(records.map((route) => route.latency))),
    ...(mode === 'open'
      ? { correctedLatency: summarizeWithHistogram(mergeHistograms(records.map((route) => route.corrected))) }
      : {}),
    perRoute: Object.fromEntries(
      [...routes].map(([label, route]) => [
        label,
        { requests: route.outcomes.toJSON(), latency: summarizeWithHistogram(route.latency) },
      ]),
    ),
  };
}

/** Per-route histograms and counts, for the whole step and for each repetition. */
export class RunRecorder {
  private readonly routes: Routes = new Map();
  private readonly slices: Routes[];
  private readonly sliceMs: number;
  private readonly planned: number;
  private timeline: Timeline;

  /** @param startMs the measured load's start on the `performance.now()` clock. */
  constructor(
    private startMs: number,
    plan: RepetitionPlan = { durationMs: Number.POSITIVE_INFINITY },
  ) {
    const count = Math.max(1, Math.floor(plan.repetitions ?? 1));
    this.slices = Array.from({ length: count }, () => new Map());
    this.sliceMs = plan.durationMs / count;
    this.planned = count;
    this.timeline = new Timeline(startMs);
  }

  /**
   * Records one request, into the repetition its completion time falls in, or into `repetition`
   * when the caller runs each repetition as a load of its own (paired, interleaved comparisons).
   */
  record(request: RecordedRequest, repetition?: number): void {
    if (
      repetition !== undefined &&
      !(Number.isInteger(repetition) && repetition >= 0 && repetition < this.slices.length)
    ) {
      throw new RangeError(`repetition ${repetition} is outside this recorder's ${this.slices.length}`);
    }
    const sliced = Math.floor((request.completedAtMs - this.startMs) / this.sliceMs) || 0;
    const index = repetition ?? Math.min(this.planned - 1, Math.max(0, sliced));
    for (const routes of [this.routes, this.slices[index] as Routes]) {
      const route = routeRecord(routes, request.label);
      route.outcomes.add(request.outcome);
      if (request.latencyMs !== undefined) recordLatencyMs(route.latency, request.latencyMs);
      if (request.correctedLatencyMs !== undefined) recordLatencyMs(route.corrected, request.correctedLatencyMs);
    }
    this.timeline.record(request.completedAtMs, request.latencyMs, request.outcome.kind === 'error');
  }

  /** The measured load's start on the `performance.now()` clock: what the timeline counts its seconds from. */
  get measuredFromMs(): number {
    return this.startMs;
  }

  /**
   * Sets the measured load's start, for a recorder made before its load began (the runner knows
   * when its warm-up ends); only before anything was recorded.
   */
  anchor(startMs: number): void {
    if (this.routes.size > 0) throw new Error('RunRecorder.anchor: requests were already recorded');
    this.startMs = startMs;
    this.timeline = new Timeline(startMs);
  }

  /**
   * Adds `count` repetitions after the planned ones, for a caller that records each repetition as a
   * load of its own (an extended paired step); time slicing keeps to the planned ones.
   */
  addRepetitions(count: number): void {
    for (let i = 0; i < count; i += 1) this.slices.push(new Map());
  }

  /** Repetitions planned and added so far. */
  get repetitionCount(): number {
    return this.slices.length;
  }

  /**
   * The step's result; a repetition that saw no request (the count bound ended the step first) is
   * left out. `repetitionDurationsMs` gives each repetition's own length when they ran apart.
   * `onlyRepetition`: the result of that one repetition, for a load that recorded it into a step the
   * caller assembles (a paired or extended step): summarising every repetition so far after each
   * load (histograms compressed) cost a 0.75 s repetition 120 to 160 ms, more with every pair.
   */
  toResult(step: {
    readonly runner: LoadRunResult['runner'];
    readonly mode: LoadMode;
    readonly durationMs: number;
    readonly concurrency?: number;
    readonly generator: GeneratorHealth;
    readonly repetitionDurationsMs?: readonly number[];
    readonly onlyRepetition?: number;
  }): LoadRunResult {
    const only = step.onlyRepetition;
    const repetitions: LoadRepetition[] = [];
    for (const [index, routes] of this.slices.entries()) {
      if (routes.size === 0 || (only !== undefined && index !== only)) continue;
      const sliceStart = index * this.sliceMs;
      const durationMs =
        step.repetitionDurationsMs?.[index] ??
        (only !== undefined || this.slices.length === 1
          ? step.durationMs
          : Math.max(0, Math.min(this.sliceMs, step.durationMs - sliceStart)));
      repetitions.push({ index, durationMs: Math.round(durationMs), ...figures(routes, durationMs, step.mode) });
    }
    const routes = only === undefined ? this.routes : (this.slices[only] ?? new Map());
    return {
      state: 'completed',
      runner: step.runner,
      mode: step.mode,
      durationMs: Math.round(step.durationMs),
      ...(step.concurrency === undefined ? {} : { concurrency: step.concurrency }),
      ...figures(routes, step.durationMs, step.mode),
      repetitions,
      timeline: this.timeline.toJSON(),
      generator: step.generator,
    };
  }
}
