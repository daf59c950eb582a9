/** One figure judged against a run: what the spec (or the project's own goal) says, what was measured, and the verdict. */
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './string-enum.js';
import type { DeepReadonly } from './schema-matches.js';

/** The spec's tables, then the project's own goals ('goals'), in the order the reports show them. */
export const specTableIds = [
  'core',
  'alerts',
  'load',
  'volume',
  'operations',
  'integration',
  'improvements',
  'cache',
  'goals',
] as const;
export type SpecTableId = (typeof specTableIds)[number];

/**
 * From best to worst: pass (the whole interval on the good side of the target, the estimate
 * within any warning level), warn (the whole interval on the good side, the estimate past the
 * warning level), inconclusive (the interval straddles the target), fail (the whole interval on
 * the bad side). not-measured stands apart: the run did not measure the row.
 */
export const targetVerdicts = ['pass', 'warn', 'inconclusive', 'fail', 'not-measured'] as const;
export const TargetVerdictSchema = StringEnum(targetVerdicts);
export type TargetVerdict = Static<typeof TargetVerdictSchema>;

/**
 * How a row's estimate and interval were computed:
 * - log-t: geometric mean of the per-repetition figures, Student t interval on their logs;
 * - mean-t: mean of the per-repetition figures, Student t interval (rates that may be zero);
 * - paired-hodges-lehmann: the change between two sides measured in interleaved pairs, the
 *   Hodges-Lehmann estimate of the pairs' log-ratios with its exact signed-rank interval;
 * - paired-log-t: the same with a t interval, for fewer than 6 pairs (too few for the exact one);
 * - clopper-pearson: a cache's hit rate over its lookups, exact binomial interval;
 * - zero-count: a target of zero events, decided on the count (any event fails), with the
 *   one-sided 95% upper bound of the rate when none happened (rule of three);
 * - single-reading: a size, a count or a reading taken once, judged as read.
 */
export const estimateMethods = [
  'log-t',
  'mean-t',
  'paired-hodges-lehmann',
  'paired-log-t',
  'clopper-pearson',
  'zero-count',
  'single-reading',
] as const;
export type EstimateMethod = (typeof estimateMethods)[number];

export const IntervalSchema = Type.Object(
  {
    lower: Type.Number(),
    upper: Type.Number(),
    /** Nominal two-sided coverage, e.g. 0.95. */
    confidence: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
);

/**
 * Whose figure a row judges: 'spec', a figure of the performance spec; 'project-goal', a goal this
 * project sets itself beyond the spec (stricter, or on a figure the spec does not publish).
 */
export const targetKinds = ['spec', 'project-goal'] as const;
export type TargetKind = (typeof targetKinds)[number];

export const ComparisonSchema = StringEnum(['<=', '>='] as const);
/** How the measured figure must relate to the target: '<=' for times and sizes, '>=' for reductions and hit rates. */
export type Comparison = Static<typeof ComparisonSchema>;

export const TargetEvaluationSchema = Type.Object(
  {
    /** Stable id, e.g. 'core.student-profile'. */
    id: Type.String(),
    table: StringEnum(specTableIds),
    /** Absent in results from before it existed, whose rows are all the spec's. */
    kind: Type.Optional(StringEnum(targetKinds)),
    /** The row's name as the spec prints it. */
    label: Type.String(),
    scenario: Type.String(),
    /** Step label(s) that measured it, e.g. 'student-profile' or 'student-profile:off → student-profile:on'. */
    step: Type.String(),
    /** Dotted path of the figure inside the step (or the scenario's server sample), e.g. 'load.latency.p95'. */
    statistic: Type.String(),
    comparison: ComparisonSchema,
    unit: Type.String(),
    target: Type.Number(),
    warning: Type.Optional(Type.Number()),
    /** The spec's claimed "achieved" figure, in `unit`. */
    claim: Type.Optional(Type.Number()),
    /** Secondary claimed figures (e.g. before and after of an impact row), in `unit` of their own name. */
    claimDetails: Type.Optional(Type.Record(Type.String(), Type.Number())),
    /** The spec's own wording of the target and of its claim, e.g. '< 2 seconds' and '1.2s'; for a project goal, that the spec has none. */
    specTarget: Type.String(),
    specClaim: Type.String(),
    /** The estimate, in `unit`. */
    measured: Type.Optional(Type.Number()),
    method: Type.Optional(StringEnum(estimateMethods)),
    /** The estimate's 95% interval, in `unit`; absent for a single reading or too few repetitions. */
    interval: Type.Optional(IntervalSchema),
    /** The figure of each repetition (or each pair's change), in `unit`: what the interval is computed from. */
    samples: Type.Optional(Type.Array(Type.Number())),
    /** For an inconclusive row: about how many repetitions (pairs) at the same spread would decide it. */
    neededRepetitions: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Figures shown beside the measured one (e.g. baseline and optimized ms). */
    details: Type.Optional(Type.Record(Type.String(), Type.Number())),
    /** Headroom of the estimate to the target in percent of it: positive when met, negative when missed. */
    marginPct: Type.Optional(Type.Number()),
    verdict: TargetVerdictSchema,
    /** Why a row is not-measured, or failed for a reason other than its figure. */
    reason: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export type TargetEvaluation = DeepReadonly<Static<typeof TargetEvaluationSchema>>;
