/** The invariant checks' report, embedded in the result document; the type is derived from the schema. */
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './string-enum.js';
import type { DeepReadonly } from './schema-matches.js';

export const InvariantViolationSchema = Type.Object(
  {
    invariant: Type.String(),
    count: Type.Integer({ minimum: 1 }),
    /** A few of the offending rows, so a report can show what broke. */
    examples: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);

export const InvariantReportSchema = Type.Object(
  {
    state: StringEnum(['passed', 'failed'] as const),
    checked: Type.Array(Type.String()),
    violations: Type.Array(InvariantViolationSchema),
  },
  { additionalProperties: false },
);

export type InvariantViolation = DeepReadonly<Static<typeof InvariantViolationSchema>>;
export type InvariantReport = DeepReadonly<Static<typeof InvariantReportSchema>>;
