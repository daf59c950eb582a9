/**
 * The plain-JSON shape every load runner (built-in paced, autocannon saturation, k6) returns for
 * one load step, defined once: the types below are derived from these schemas, and the result
 * document embeds them. Times are in ms.
 */
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './string-enum.js';
import type { DeepReadonly } from './schema-matches.js';

/** Latency distribution of one set of requests, from an HDR histogram. */
export const LatencySummarySchema = Type.Object(
  {
    count: Type.Integer({ minimum: 0 }),
    min: Type.Number(),
    mean: Type.Number(),
    stddev: Type.Number(),
    p50: Type.Number(),
    p75: Type.Number(),
    p90: Type.Number(),
    p95: Type.Number(),
    p99: Type.Number(),
    p999: Type.Number(),
    max: Type.Number(),
    /**
     * The HDR histogram the summary came from, latencies in microseconds, in its standard compressed
     * form (V2 encoding, deflated, base64): what `merge` adds up across load generators. Absent where
     * the runner has no histogram (k6 exports percentiles only).
     */
    histogram: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

/** Outcome counts. Only `errors` count toward the error rate. */
export const RequestOutcomesSchema = Type.Object(
  {
    total: Type.Integer({ minimum: 0 }),
    ok: Type.Integer({ minimum: 0 }),
    /** 4xx responses the scenario asked for (e.g. an invalid transition it sends on purpose). */
    expectedRejections: Type.Integer({ minimum: 0 }),
    /** Errors by class: 'timeout', 'connection', 'http-5xx', 'http-4xx-unexpected', 'other'. */
    errors: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
    /** errors / total, 0..1. */
    errorRate: Type.Number({ minimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
);

/** One second of the run, for latency-over-time charts (never a statistical unit: seconds are not independent). */
export const TimelinePointSchema = Type.Object(
  {
    /** Seconds since the step's measured load started. */
    second: Type.Number({ minimum: 0 }),
    requests: Type.Integer({ minimum: 0 }),
    errors: Type.Integer({ minimum: 0 }),
    p50: Type.Number(),
    p95: Type.Number(),
    p99: Type.Number(),
  },
  { additionalProperties: false },
);

/**
 * Open model: how the measured window's arrivals kept their intended send times. Each late or
 * unsent arrival is load the service was meant to get and did not, when it was meant to: the
 * corrected latency counts the wait of the late ones; the unsent ones are in no latency at all.
 */
export const ArrivalKeepingSchema = Type.Object(
  {
    /** Arrivals the schedule produced in the measured window. */
    scheduled: Type.Integer({ minimum: 0 }),
    /** Of them, those sent. */
    sent: Type.Integer({ minimum: 0 }),
    /** Left (started onto a connection) more than `lateToleranceMs` after their intended time: their corrected latency exceeds their raw one by that much. */
    late: Type.Integer({ minimum: 0 }),
    lateToleranceMs: Type.Number({ minimum: 0 }),
    /** Scheduled but never sent: still waiting for a free slot when the schedule ended (at its end, its request bound or a stop). */
    dropped: Type.Integer({ minimum: 0 }),
    /** Never scheduled: intended in the measured window after the request bound had ended the schedule. */
    cutByRequestBound: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

/** The load generator watching itself: a bottlenecked generator must say so. */
export const GeneratorHealthSchema = Type.Object(
  {
    /** True when the generator, not the service, limited the run. */
    bottleneck: Type.Boolean(),
    /** Human-readable reasons when bottleneck is true (CPU saturated, timers late, rate short). */
    reasons: Type.Array(Type.String()),
    cpuPercentMean: Type.Number(),
    cpuPercentMax: Type.Number(),
    /** p99 of the generator's event-loop delay during the step. */
    eventLoopDelayP99Ms: Type.Number(),
    /** Open model: the asked arrival rate (req/s). */
    askedRate: Type.Optional(Type.Number()),
    /** The achieved rate (req/s). */
    achievedRate: Type.Optional(Type.Number()),
    /** Open model: late, dropped and cut-off arrivals of the measured window. */
    arrivals: Type.Optional(ArrivalKeepingSchema),
  },
  { additionalProperties: false },
);

const RouteFiguresSchema = Type.Object(
  {
    requests: RequestOutcomesSchema,
    latency: LatencySummarySchema,
  },
  { additionalProperties: false },
);

/**
 * One repetition of a step: an equal, consecutive slice of its measured load, summarised on its
 * own. Repetitions are the statistical unit: a figure's interval comes from the spread of its
 * per-repetition values, never from pooling requests.
 */
export const LoadRepetitionSchema = Type.Object(
  {
    index: Type.Integer({ minimum: 0 }),
    durationMs: Type.Number({ minimum: 0 }),
    throughputRps: Type.Number({ minimum: 0 }),
    requests: RequestOutcomesSchema,
    latency: LatencySummarySchema,
    /** Open model only: latency from the intended send time. */
    correctedLatency: Type.Optional(LatencySummarySchema),
    perRoute: Type.Record(Type.String(), RouteFiguresSchema),
  },
  { additionalProperties: false },
);

export const loadModes = ['saturation', 'closed', 'open'] as const;
export const loadRunners = ['builtin', 'autocannon', 'k6'] as const;

export const LoadRunResultSchema = Type.Object(
  {
    state: StringEnum(['completed'] as const),
    runner: StringEnum(loadRunners),
    mode: StringEnum(loadModes),
    durationMs: Type.Number({ minimum: 0 }),
    /** Concurrent users (closed), connections (saturation); absent for the open model. */
    concurrency: Type.Optional(Type.Integer({ minimum: 0 })),
    throughputRps: Type.Number({ minimum: 0 }),
    requests: RequestOutcomesSchema,
    /** Latency as measured from the actual send time, over the whole step (the repetitions' histograms merged). */
    latency: LatencySummarySchema,
    /** Open model only: latency from the intended send time (corrected for coordinated omission). */
    correctedLatency: Type.Optional(LatencySummarySchema),
    /** Per route label (e.g. 'student-profile'), the same figures. */
    perRoute: Type.Record(Type.String(), RouteFiguresSchema),
    /** The step's repetitions in order; a runner that cannot split its load (k6) reports one. */
    repetitions: Type.Array(LoadRepetitionSchema),
    timeline: Type.Array(TimelinePointSchema),
    generator: GeneratorHealthSchema,
  },
  { additionalProperties: false },
);

export type LatencySummary = DeepReadonly<Static<typeof LatencySummarySchema>>;
export type RequestOutcomes = DeepReadonly<Static<typeof RequestOutcomesSchema>>;
export type TimelinePoint = DeepReadonly<Static<typeof TimelinePointSchema>>;
export type GeneratorHealth = DeepReadonly<Static<typeof GeneratorHealthSchema>>;
export type ArrivalKeeping = DeepReadonly<Static<typeof ArrivalKeepingSchema>>;
export type LoadRepetition = DeepReadonly<Static<typeof LoadRepetitionSchema>>;
export type LoadMode = (typeof loadModes)[number];
export type LoadRunResult = DeepReadonly<Static<typeof LoadRunResultSchema>>;
