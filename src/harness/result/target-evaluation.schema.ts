/** One spec figure judged against a run: what the spec says, what was measured, and the verdict. */
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './string-enum.js';
import type { DeepReadonly } from './schema-matches.js';

/** The spec's tables, in the order the reports show them. */
export const specTableIds = ['core', 'alerts', 'load', 'volume', 'operations', 'integration', 'improvements', 'cache'] as const;
export type SpecTableId = (typeof specTableIds)[number];

export const TargetVerdictSchema = StringEnum(['pass', 'warn', 'fail', 'not-measured'] as const);
/** pass: target met (and under any warning threshold); warn: met but past the warning threshold; fail: missed. */
export type TargetVerdict = Static<typeof TargetVerdictSchema>;

export const ComparisonSchema = StringEnum(['<=', '>='] as const);
/** How the measured figure must relate to the target: '<=' for times and sizes, '>=' for reductions and hit rates. */
export type Comparison = Static<typeof ComparisonSchema>;

export const TargetEvaluationSchema = Type.Object({
  /** Stable id, e.g. 'core.student-profile'. */
  id: Type.String(),
  table: StringEnum(specTableIds),
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
  /** The spec's own wording of the target and of its claim, e.g. '< 2 seconds' and '1.2s'. */
  specTarget: Type.String(),
  specClaim: Type.String(),
  measured: Type.Optional(Type.Number()),
  /** Figures shown beside the measured one (e.g. baseline and optimized ms). */
  details: Type.Optional(Type.Record(Type.String(), Type.Number())),
  /** Headroom to the target in percent of it: positive when met, negative when missed. */
  marginPct: Type.Optional(Type.Number()),
  verdict: TargetVerdictSchema,
  /** Why a row is not-measured, or failed for a reason other than its figure. */
  reason: Type.Optional(Type.String()),
}, { additionalProperties: false });

export type TargetEvaluation = DeepReadonly<Static<typeof TargetEvaluationSchema>>;
