/** TypeBox mirror of the runners' LoadRunResult (measure/load-result.ts), so the result document can validate it. */
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './string-enum.js';
import type { Assert, SameShape } from './schema-matches.js';
import type { LoadRunResult } from '../measure/load-result.js';

export const LatencySummarySchema = Type.Object({
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
}, { additionalProperties: false });

export const RequestOutcomesSchema = Type.Object({
  total: Type.Integer({ minimum: 0 }),
  ok: Type.Integer({ minimum: 0 }),
  expectedRejections: Type.Integer({ minimum: 0 }),
  errors: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
  errorRate: Type.Number({ minimum: 0, maximum: 1 }),
}, { additionalProperties: false });

export const TimelinePointSchema = Type.Object({
  second: Type.Number({ minimum: 0 }),
  requests: Type.Integer({ minimum: 0 }),
  errors: Type.Integer({ minimum: 0 }),
  p50: Type.Number(),
  p95: Type.Number(),
  p99: Type.Number(),
}, { additionalProperties: false });

export const GeneratorHealthSchema = Type.Object({
  bottleneck: Type.Boolean(),
  reasons: Type.Array(Type.String()),
  cpuPercentMean: Type.Number(),
  cpuPercentMax: Type.Number(),
  eventLoopDelayP99Ms: Type.Number(),
  askedRate: Type.Optional(Type.Number()),
  achievedRate: Type.Optional(Type.Number()),
}, { additionalProperties: false });

export const LoadRunResultSchema = Type.Object({
  state: StringEnum(['completed', 'errored'] as const),
  error: Type.Optional(Type.String()),
  runner: StringEnum(['builtin', 'autocannon', 'k6'] as const),
  mode: StringEnum(['saturation', 'closed', 'open'] as const),
  durationMs: Type.Number({ minimum: 0 }),
  concurrency: Type.Optional(Type.Integer({ minimum: 0 })),
  throughputRps: Type.Number({ minimum: 0 }),
  requests: RequestOutcomesSchema,
  latency: LatencySummarySchema,
  correctedLatency: Type.Optional(LatencySummarySchema),
  perRoute: Type.Record(Type.String(), Type.Object({
    requests: RequestOutcomesSchema,
    latency: LatencySummarySchema,
  }, { additionalProperties: false })),
  timeline: Type.Array(TimelinePointSchema),
  generator: GeneratorHealthSchema,
}, { additionalProperties: false});

// The runners own the interface; this alias stops the build when the schema and it drift apart.
export type _LoadResultSchemaMatchesInterface = Assert<SameShape<Static<typeof LoadRunResultSchema>, LoadRunResult>>;
