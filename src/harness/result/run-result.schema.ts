/**
 * The run result document (schemaVersion 1): everything one run measured, as plain JSON. Every
 * figure in every report comes from it; schemas/result.schema.json is this schema, published.
 */
import { Type, type Static } from '@sinclair/typebox';
import { LoadRunResultSchema } from './load-result.schema.js';
import { InvariantReportSchema } from './invariant-report.schema.js';
import { TargetEvaluationSchema } from './target-evaluation.schema.js';
import { StringEnum } from './string-enum.js';
import type { DeepReadonly } from './schema-matches.js';

export const profiles = ['smoke', 'quick', 'full'] as const;
export type Profile = (typeof profiles)[number];

export const EnvironmentSchema = Type.Object({
  gitCommit: Type.String({ description: "commit hash, suffixed '-dirty' when the tree had changes, or 'unknown'" }),
  nodeVersion: Type.String(),
  postgresVersion: Type.String(),
  /** The server settings that shape performance (shared_buffers, work_mem, fsync, ...). */
  postgresSettings: Type.Record(Type.String(), Type.String()),
  cpuCount: Type.Integer({ minimum: 1 }),
  cpuModel: Type.String(),
  memoryBytes: Type.Integer({ minimum: 0 }),
  provider: StringEnum(['embedded', 'external', 'docker'] as const),
  schemaVariants: Type.Array(StringEnum(['optimized', 'baseline'] as const), { minItems: 1 }),
  seed: Type.Integer(),
  cacheKind: StringEnum(['redis', 'memory'] as const),
  runner: StringEnum(['builtin', 'autocannon', 'k6'] as const),
}, { additionalProperties: false });

export const DatasetManifestSchema = Type.Object({
  /** Referrals loaded (the scale tier). */
  referrals: Type.Integer({ minimum: 0 }),
  seed: Type.Integer(),
  /** Checksum of the generated rows: the same seed and size give the same checksum. */
  checksum: Type.String(),
  /** Seconds the load took. */
  seconds: Type.Number({ minimum: 0 }),
  schemaVariant: Type.Optional(StringEnum(['optimized', 'baseline'] as const)),
}, { additionalProperties: false });

export const StepSchema = Type.Object({
  /** e.g. '100 users', '1m', 'create-referral', 'student-profile:on', 'referral-lookup'. */
  label: Type.String({ minLength: 1 }),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
  load: Type.Optional(LoadRunResultSchema),
  /** Figures measured outside the load run: sizes in bytes, times in ms, reductions in percent. */
  measurements: Type.Record(Type.String(), Type.Number()),
  /** EXPLAIN (ANALYZE) text of the step's query on each schema variant. */
  plans: Type.Optional(Type.Object({
    baseline: Type.Optional(Type.String()),
    optimized: Type.Optional(Type.String()),
  }, { additionalProperties: false })),
}, { additionalProperties: false });

export const ServerSampleSchema = Type.Object({
  pgStatStatementsTop: Type.Array(Type.Object({
    query: Type.String(),
    calls: Type.Integer({ minimum: 0 }),
    totalMs: Type.Number({ minimum: 0 }),
    meanMs: Type.Number({ minimum: 0 }),
    rows: Type.Integer({ minimum: 0 }),
  }, { additionalProperties: false })),
  /** Shared-buffer hit ratio over the scenario, 0..1. */
  bufferHitRatio: Type.Number({ minimum: 0, maximum: 1 }),
  serviceMetrics: Type.Object({
    poolWaiting: Type.Number({ minimum: 0 }),
    /** Hit ratio (0..1) by cache name: analytics, leaderboard, profile. */
    cacheHitRatio: Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 1 })),
    eventLoopLagP99Ms: Type.Number({ minimum: 0 }),
  }, { additionalProperties: false }),
  /** Peak resident memory in bytes, e.g. postgresRssBytes, serviceRssBytes. */
  memory: Type.Record(Type.String(), Type.Number({ minimum: 0 })),
}, { additionalProperties: false });

export const ScenarioResultSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  state: StringEnum(['completed', 'errored', 'skipped'] as const),
  /** Why it errored or was skipped (e.g. 'not in the quick profile'). */
  reason: Type.Optional(Type.String()),
  steps: Type.Array(StepSchema),
  server: Type.Optional(ServerSampleSchema),
}, { additionalProperties: false });

export const runVerdicts = ['pass', 'warn', 'fail', 'error'] as const;
/** pass: every measured target met; warn: met, some past a warning threshold; fail: some missed; error: the run cannot be trusted. */
export type RunVerdict = (typeof runVerdicts)[number];

export const RunResultSchema = Type.Object({
  schemaVersion: Type.Literal(1),
  runId: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
  /** ISO 8601 timestamps. */
  startedAt: Type.String({ minLength: 1 }),
  finishedAt: Type.String({ minLength: 1 }),
  profile: StringEnum(profiles),
  exitCode: Type.Integer({ minimum: 0, maximum: 3 }),
  verdict: StringEnum(runVerdicts),
  environment: EnvironmentSchema,
  datasets: Type.Array(DatasetManifestSchema),
  scenarios: Type.Array(ScenarioResultSchema),
  /** Absent when the run stopped before it could check them. */
  invariants: Type.Optional(InvariantReportSchema),
  targets: Type.Array(TargetEvaluationSchema),
  /** Whether any load step's generator, not the service, limited the run, and why. */
  generatorBottleneck: Type.Object({
    bottleneck: Type.Boolean(),
    reasons: Type.Array(Type.String()),
  }, { additionalProperties: false }),
}, {
  $id: 'https://referral-bench.local/schemas/result.schema.json',
  title: 'referral-bench run result',
  additionalProperties: false,
});

// Readonly, so runners' readonly LoadRunResult and InvariantReport objects fit without copies.
export type RunResult = DeepReadonly<Static<typeof RunResultSchema>>;
export type ScenarioResult = DeepReadonly<Static<typeof ScenarioResultSchema>>;
export type StepResult = DeepReadonly<Static<typeof StepSchema>>;
export type Environment = DeepReadonly<Static<typeof EnvironmentSchema>>;
