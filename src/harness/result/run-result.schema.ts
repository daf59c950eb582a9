/**
 * The run result document: everything one run measured, as plain JSON. Every figure in every
 * report comes from it; schemas/result.schema.json is this schema, published.
 *
 * schemaVersion 2 (from 1): load steps carry `repetitions` (each a summary of its own); steps may
 * carry `samples` (per-repetition measurements); target rows carry `method`, `interval`,
 * `samples` and `neededRepetitions`, and a verdict may be 'inconclusive' (so may the run); the
 * run states its `repetitions`; the server sample carries cache lookup counts; the unused load
 * state 'errored' and scenario state 'skipped' are gone.
 *
 * schemaVersion 3 (from 2): a step under a load that follows its own writes carries `writes`
 * (what the service acknowledged, races lost, enrollments per minute, writes found lost); the
 * nothing-lost check's findings join the invariants; a capacity search's scenario carries
 * `capacity`; a run stopped by SIGINT or SIGTERM is written for what finished, with `interrupted`
 * (the signal and what did not finish), scenarios may be 'interrupted', the run's verdict
 * 'interrupted' and its exit code 130 or 143. A version 2 document is a version 3 one without
 * them, so both are read.
 *
 * schemaVersion 4 (from 3): the profile may be 'soak'; the server sample may carry
 * `memoryOverTime` (PostgreSQL's and the service's memory sampled at a fixed interval, and each
 * one's slope with its interval); a faults scenario carries `faults` (per fault injected under
 * load: failed requests, recovery time, whether its goal held). Versions 2 and 3 are read.
 * A version 4 result may also carry `micro`: the tinybench micro-benchmarks of bench/ the run
 * took (`--with-micro`, and the full profile by default), per task ops/s, mean time, margin of
 * error and samples, with how the suite ended against its time budget; and a data-volume step's
 * measurements may hold every reading of the spec's memory usage (postgresIdleBytes,
 * postgresGrowthBytes, datasetBytes, datasetCachedBytes beside the PSS and RSS peaks).
 * Also in version 4, all optional: a target row may carry `kind` ('spec', or 'project-goal' for a
 * goal the project sets itself beyond the spec, in the new table 'goals'; absent: spec); an
 * open-model step's generator health may carry `arrivals` (late sends, arrivals dropped or cut
 * off by the request bound); the environment may carry `thinkTime` and `serviceWorkers`.
 * Also in version 4: the server sample may carry `serviceMetricsOverTime` (the service's pool in
 * use, pool waiting and cache hit ratios read every second during the load, each sample placed on
 * its step's timeline) and `statementsTotalMs` (every statement's time, what the top ones are a
 * share of); `serviceMetrics.poolWaiting` is the peak seen during the load, and
 * `serviceMetrics.poolInUse` may carry the peak of connections checked out.
 * Also in version 4: a latency summary may carry `histogram`, the HDR histogram it came from
 * (written by the built-in runners), so `merge` can add several generators' runs into one result.
 *
 * schemaVersion 5 (from 4): a scenario may be 'skipped' (with its `reason`: against a deployed
 * target, one that must start or reconfigure the service itself, or needs another dataset); the
 * environment may carry `target` (a deployed service's URL, and whether it is on another host),
 * and then no `serviceWorkers` and a `cacheKind` of 'unknown'; a load step may carry `statements` (its own top statements from
 * pg_stat_statements and every statement's time, warm-up included); a data-volume step's
 * measurements may hold the sizes of its schools (schools, largestSchoolReferrals,
 * largestSchoolStudents) and its load every read route. Versions 2 to 4 are read: a version 4
 * document is a version 5 one without these.
 * Also in version 5, all optional: the environment may carry `serviceImage` (the image the service
 * ran from as a container, --provider docker), and its `target` a `generator` (this run's share,
 * generator i of n, --generator i/n); a dataset may carry `inPlace` (a deployed target's database,
 * seeded in place and written to since: its checksum is what it was seeded as).
 */
import { Type, type Static } from '@sinclair/typebox';
import { LoadRunResultSchema } from './load-result.schema.js';
import { InvariantReportSchema } from './invariant-report.schema.js';
import { TargetEvaluationSchema } from './target-evaluation.schema.js';
import { MicroBenchmarksSchema } from './micro-benchmarks.schema.js';
import { StringEnum } from './string-enum.js';
import type { DeepReadonly } from './schema-matches.js';
import { ThinkTimeSchema } from '../../../scenarios/scenario-schema.js';

export const profiles = ['smoke', 'quick', 'full', 'soak'] as const;
export type Profile = (typeof profiles)[number];

export const EnvironmentSchema = Type.Object(
  {
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
    /** 'unknown': a deployed target's caches are its own business (from schemaVersion 5). */
    cacheKind: StringEnum(['redis', 'memory', 'unknown'] as const),
    runner: StringEnum(['builtin', 'autocannon', 'k6'] as const),
    /** Per closed-model scenario run, the pause between a user's requests (an empty record: none ran). */
    thinkTime: Type.Optional(Type.Record(Type.String(), ThinkTimeSchema)),
    /** Worker processes of the service under load (the run's --workers); absent for a deployed target, whose are its own. */
    serviceWorkers: Type.Optional(Type.Integer({ minimum: 1 })),
    /**
     * The image the service ran from, as a container on the stack's network (--provider docker,
     * from schemaVersion 5); absent: the service ran as a local process, or was a deployed target.
     */
    serviceImage: Type.Optional(Type.String({ minLength: 1 })),
    /**
     * A service the run did not start (--target-url): where the load went, and whether that host is
     * another machine (--allow-remote). Absent: the run started the service itself.
     */
    target: Type.Optional(
      Type.Object(
        {
          url: Type.String({ minLength: 1 }),
          remote: Type.Boolean(),
          /**
           * This run was generator `index` of `count` loading the target together (--generator i/n),
           * each on its own share of the seeded users and referrals; `merge` takes all n, once each.
           */
          generator: Type.Optional(
            Type.Object(
              { index: Type.Integer({ minimum: 1 }), count: Type.Integer({ minimum: 1 }) },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const DatasetManifestSchema = Type.Object(
  {
    /** Referrals loaded (the scale tier). */
    referrals: Type.Integer({ minimum: 0 }),
    seed: Type.Integer(),
    /** Checksum of the generated rows: the same seed and size give the same checksum. */
    checksum: Type.String(),
    /** Seconds the load took. */
    seconds: Type.Number({ minimum: 0 }),
    schemaVariant: Type.Optional(StringEnum(['optimized', 'baseline'] as const)),
    /**
     * A deployed target's database, seeded in place (--target-url, from schemaVersion 5): the
     * scenarios ran on it as they found it, not on a fresh copy, so `checksum` is what it was
     * seeded as, and every load since (this run's, and an earlier run's when `seededThisRun` is
     * false) wrote to it. Absent: each scenario ran on a fresh clone of the dataset as seeded (or,
     * in a result with a `target` written before this field, in place as well).
     */
    inPlace: Type.Optional(Type.Object({ seededThisRun: Type.Boolean() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

/** A step's acknowledged writes, checked against the database after its load. */
export const StepWritesSchema = Type.Object(
  {
    /** Referrals created (201). */
    created: Type.Integer({ minimum: 0 }),
    /** Status changes acknowledged (200), bulk ones counted per referral. */
    transitions: Type.Integer({ minimum: 0 }),
    /** Referrals acknowledged as enrolled. */
    enrollments: Type.Integer({ minimum: 0 }),
    /** Enrollments per minute of the step's load (warm-up included: its writes count too). */
    enrollmentsPerMinute: Type.Number({ minimum: 0 }),
    /** 409s of writes that lost a race the pools saw (counted as expected rejections, not errors). */
    racedRejections: Type.Integer({ minimum: 0 }),
    /** Acknowledged writes, of this step and those before it on the same data, the database does not hold. */
    lost: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

/** One statement as pg_stat_statements counted it over a span (a scenario, a step). */
export const StatementSampleSchema = Type.Object(
  {
    query: Type.String(),
    calls: Type.Integer({ minimum: 0 }),
    totalMs: Type.Number({ minimum: 0 }),
    meanMs: Type.Number({ minimum: 0 }),
    rows: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

export const StepSchema = Type.Object(
  {
    /** e.g. '100 users', '1m', 'create-referral', 'student-profile:on', 'referral-lookup'. */
    label: Type.String({ minLength: 1 }),
    params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    load: Type.Optional(LoadRunResultSchema),
    /** Figures measured outside the load run: sizes in bytes, times in ms, reductions in percent. */
    measurements: Type.Record(Type.String(), Type.Number()),
    /** Per-repetition values of measurements taken in repetitions (e.g. before-after's baselineMs, optimizedMs). */
    samples: Type.Optional(Type.Record(Type.String(), Type.Array(Type.Number()))),
    /** What the step's writes did, where the load followed them (concurrent-users, operations). */
    writes: Type.Optional(StepWritesSchema),
    /**
     * The statements that took the database's time while the step loaded the service (warm-up
     * included), from pg_stat_statements snapshots around each of its loads: the top ones by total
     * time, and every statement's time (what their share is of). Absent where it was not loaded.
     */
    statements: Type.Optional(
      Type.Object(
        {
          top: Type.Array(StatementSampleSchema),
          totalMs: Type.Number({ minimum: 0 }),
        },
        { additionalProperties: false },
      ),
    ),
    /** EXPLAIN (ANALYZE) text of the step's query on each schema variant. */
    plans: Type.Optional(
      Type.Object(
        {
          baseline: Type.Optional(Type.String()),
          optimized: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** A slope with its 95% interval. */
const SlopeSchema = Type.Object(
  { estimate: Type.Number(), low: Type.Number(), high: Type.Number() },
  { additionalProperties: false },
);

/** Memory sampled at a fixed interval through the scenario, and its trend (a leak shows as a slope). */
export const MemoryOverTimeSchema = Type.Object(
  {
    intervalMs: Type.Integer({ minimum: 1 }),
    /** Seconds since the scenario's service started; PostgreSQL's PSS and the service's RSS (all its processes), bytes. */
    samples: Type.Array(
      Type.Object(
        {
          atS: Type.Number({ minimum: 0 }),
          postgresMemoryBytes: Type.Number({ minimum: 0 }),
          serviceRssBytes: Type.Number({ minimum: 0 }),
          /** PostgreSQL's private memory (shared buffers left out), where Linux shows it. */
          postgresPrivateBytes: Type.Optional(Type.Number({ minimum: 0 })),
        },
        { additionalProperties: false },
      ),
    ),
    /** The slopes are fitted from here on (s): the first third of the series, at least 5 min, is warm-up (buffers and pools filling). */
    fittedFromS: Type.Optional(Type.Number({ minimum: 0 })),
    /** Theil-Sen slope of each, bytes per hour, with Sen's 95% interval; absent below 10 fitted samples. */
    slopes: Type.Optional(
      Type.Object(
        {
          postgresBytesPerHour: SlopeSchema,
          serviceBytesPerHour: SlopeSchema,
          postgresPrivateBytesPerHour: Type.Optional(SlopeSchema),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/**
 * The service's /metrics read every second through a scenario. The series keeps a bounded
 * length: when it would grow past it, neighbouring samples are merged and `intervalMs` doubles.
 */
export const ServiceMetricsOverTimeSchema = Type.Object(
  {
    /** The time each sample covers, ms. */
    intervalMs: Type.Integer({ minimum: 1 }),
    samples: Type.Array(
      Type.Object(
        {
          /** Seconds since the scenario's sampling started (the clock of memoryOverTime). */
          atS: Type.Number({ minimum: 0 }),
          /**
           * The step whose measured load was running, and the second of its timeline the sample falls in
           * (the `second` of its load's timeline points), so both draw on one axis; absent during a
           * warm-up and between steps.
           */
          step: Type.Optional(Type.String()),
          second: Type.Optional(Type.Integer({ minimum: 0 })),
          /** Pool connections checked out, and requests waiting for one: the most read in the sample's interval. */
          poolInUse: Type.Number({ minimum: 0 }),
          poolWaiting: Type.Number({ minimum: 0 }),
          /** Hit ratio (0..1) of each cache over the interval's lookups; a cache without lookups in it is absent. */
          cacheHitRatio: Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 1 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ServerSampleSchema = Type.Object(
  {
    pgStatStatementsTop: Type.Array(StatementSampleSchema),
    /** Execution time of every statement during the scenario, ms: what each top statement's totalMs is a share of. */
    statementsTotalMs: Type.Optional(Type.Number({ minimum: 0 })),
    /** Shared-buffer hit ratio over the scenario, 0..1. */
    bufferHitRatio: Type.Number({ minimum: 0, maximum: 1 }),
    serviceMetrics: Type.Object(
      {
        /** The most requests waiting for a pool connection at once, read every second during the load. */
        poolWaiting: Type.Number({ minimum: 0 }),
        /** The most pool connections checked out at once, read the same way. */
        poolInUse: Type.Optional(Type.Number({ minimum: 0 })),
        /** Hit ratio (0..1) by cache name: analytics, leaderboard, profile. */
        cacheHitRatio: Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 1 })),
        /** The counts behind each ratio, so its interval can be computed. */
        cacheLookups: Type.Record(
          Type.String(),
          Type.Object(
            {
              hits: Type.Integer({ minimum: 0 }),
              misses: Type.Integer({ minimum: 0 }),
            },
            { additionalProperties: false },
          ),
        ),
        /** The service's worst event-loop delay p99, ms: each /metrics read covers the time since the one before. */
        eventLoopLagP99Ms: Type.Number({ minimum: 0 }),
      },
      { additionalProperties: false },
    ),
    /** Peak resident memory in bytes, e.g. postgresRssBytes, serviceRssBytes. */
    memory: Type.Record(Type.String(), Type.Number({ minimum: 0 })),
    memoryOverTime: Type.Optional(MemoryOverTimeSchema),
    serviceMetricsOverTime: Type.Optional(ServiceMetricsOverTimeSchema),
  },
  { additionalProperties: false },
);

/** What a capacity search found: the highest level that held, and the limit that stopped it. */
export const CapacitySchema = Type.Object(
  {
    /** The limits a level had to hold: p95 (ms) and error rate (0..1). */
    limits: Type.Object(
      { p95Ms: Type.Number({ minimum: 0 }), errorRate: Type.Number({ minimum: 0, maximum: 1 }) },
      { additionalProperties: false },
    ),
    /** The highest level that held them, with its p95 (absent when the first level did not). */
    held: Type.Optional(
      Type.Object(
        { level: Type.Number({ minimum: 0 }), p95Ms: Type.Number({ minimum: 0 }) },
        { additionalProperties: false },
      ),
    ),
    /** The level at which the search stopped, and why ('none': every level held). */
    stoppedAt: Type.Optional(Type.Number({ minimum: 0 })),
    stoppedBy: StringEnum(['p95', 'errors', 'generator', 'none'] as const),
    /** What the stopping level showed (its p95, errors, the generator's reasons). */
    reason: Type.String(),
  },
  { additionalProperties: false },
);

/** One fault injected under load, and what it cost. */
export const FaultOutcomeSchema = Type.Object(
  {
    name: StringEnum(['redis-down', 'postgres-restart', 'pool-exhausted', 'worker-killed'] as const),
    /** What was done, in words (e.g. 'Redis stopped for 5 s, then started again'). */
    action: Type.String(),
    /** 'not-measured': the fault could not be injected here (reason says why). */
    state: StringEnum(['measured', 'not-measured'] as const),
    reason: Type.Optional(Type.String()),
    /** Seconds from the start of the load to the injection and to the fault's end (the server back, the lock released). */
    injectedAtS: Type.Optional(Type.Number({ minimum: 0 })),
    clearedAtS: Type.Optional(Type.Number({ minimum: 0 })),
    /** Requests that completed in the fault's window (injection to the window's end), and those that failed. */
    requests: Type.Optional(Type.Integer({ minimum: 0 })),
    failed: Type.Optional(Type.Integer({ minimum: 0 })),
    /** Of the failed ones, those already sent when the fault was injected. */
    failedInFlight: Type.Optional(Type.Integer({ minimum: 0 })),
    /** Failures by kind (e.g. http_503, timeout). */
    errors: Type.Optional(Type.Record(Type.String(), Type.Integer({ minimum: 0 }))),
    /** From the fault's end to the first success after its last failure, ms (0: no failure after the end); absent when it never recovered in the window. */
    recoveryMs: Type.Optional(Type.Number({ minimum: 0 })),
    /** Whether the service process kept running through the fault (no restart of the service needed). */
    serviceKeptRunning: Type.Optional(Type.Boolean()),
    /** The goal this fault is held to, and whether it held. */
    goal: Type.String(),
    met: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ScenarioResultSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    /**
     * 'interrupted': the run was stopped during it; its finished steps are kept, the rest listed in
     * the run's `interrupted`. 'skipped': it could not run here (against a deployed target, a
     * scenario that starts the service itself); `reason` says why, and its rows are not measured.
     */
    state: StringEnum(['completed', 'errored', 'interrupted', 'skipped'] as const),
    /** Why it errored or was skipped. */
    reason: Type.Optional(Type.String()),
    steps: Type.Array(StepSchema),
    server: Type.Optional(ServerSampleSchema),
    /** breakpoint: the capacity search's finding. */
    capacity: Type.Optional(CapacitySchema),
    /** faults: each fault injected under load and what it cost. */
    faults: Type.Optional(Type.Array(FaultOutcomeSchema)),
  },
  { additionalProperties: false },
);

export const runVerdicts = ['pass', 'warn', 'inconclusive', 'fail', 'error', 'interrupted'] as const;
/**
 * pass: every measured row passed; warn: none failed or was undecided, some past a warning level;
 * inconclusive: none failed, some undecided; fail: some row failed, an invariant broke or a fault's goal was not met;
 * error: the run cannot be trusted (a scenario errored or the generator was the bottleneck);
 * interrupted: stopped by a signal; what finished is judged, the rest is listed.
 */
export type RunVerdict = (typeof runVerdicts)[number];

export const RunResultSchema = Type.Object(
  {
    schemaVersion: Type.Union([Type.Literal(2), Type.Literal(3), Type.Literal(4), Type.Literal(5)]),
    runId: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
    /** ISO 8601 timestamps. */
    startedAt: Type.String({ minLength: 1 }),
    finishedAt: Type.String({ minLength: 1 }),
    profile: StringEnum(profiles),
    /** Repetitions per step (pairs, for paired comparisons). */
    repetitions: Type.Integer({ minimum: 1 }),
    /** 0-3 (see the CLI's help), or 130 / 143 for a run stopped by SIGINT / SIGTERM. */
    exitCode: Type.Union([Type.Integer({ minimum: 0, maximum: 3 }), Type.Literal(130), Type.Literal(143)]),
    /** A run stopped by a signal: which, and the steps and scenarios that did not finish. */
    interrupted: Type.Optional(
      Type.Object(
        {
          signal: StringEnum(['SIGINT', 'SIGTERM'] as const),
          /** '<scenario>/<step>' for the step in progress and those after it, '<scenario>' for scenarios not started. */
          unfinished: Type.Array(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    verdict: StringEnum(runVerdicts),
    environment: EnvironmentSchema,
    datasets: Type.Array(DatasetManifestSchema),
    scenarios: Type.Array(ScenarioResultSchema),
    /** Absent when the run stopped before it could check them. */
    invariants: Type.Optional(InvariantReportSchema),
    targets: Type.Array(TargetEvaluationSchema),
    /** The tinybench micro-benchmarks, when the run took them (--with-micro; the full profile by default). */
    micro: Type.Optional(MicroBenchmarksSchema),
    /** Whether any load step's generator, not the service, limited the run, and why. */
    generatorBottleneck: Type.Object(
      {
        bottleneck: Type.Boolean(),
        reasons: Type.Array(Type.String()),
      },
      { additionalProperties: false },
    ),
  },
  {
    $id: 'https://referral-bench.local/schemas/result.schema.json',
    title: 'referral-bench run result',
    additionalProperties: false,
  },
);

// Readonly, so runners' readonly LoadRunResult and InvariantReport objects fit without copies.
export type RunResult = DeepReadonly<Static<typeof RunResultSchema>>;
export type ScenarioResult = DeepReadonly<Static<typeof ScenarioResultSchema>>;
export type StepResult = DeepReadonly<Static<typeof StepSchema>>;
export type StepWrites = DeepReadonly<Static<typeof StepWritesSchema>>;
export type Capacity = DeepReadonly<Static<typeof CapacitySchema>>;
export type FaultOutcome = DeepReadonly<Static<typeof FaultOutcomeSchema>>;
export type MemoryOverTime = DeepReadonly<Static<typeof MemoryOverTimeSchema>>;
export type ServiceMetricsOverTime = DeepReadonly<Static<typeof ServiceMetricsOverTimeSchema>>;
export type ServerSample = DeepReadonly<Static<typeof ServerSampleSchema>>;
export type Environment = DeepReadonly<Static<typeof EnvironmentSchema>>;
