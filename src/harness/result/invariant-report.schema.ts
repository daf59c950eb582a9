/** TypeBox mirror of invariants/check-invariants.ts's InvariantReport, embedded in the result document. */
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './string-enum.js';
import type { Assert, SameShape } from './schema-matches.js';
import type { InvariantReport } from '../invariants/check-invariants.js';

export const InvariantReportSchema = Type.Object({
  state: StringEnum(['passed', 'failed'] as const),
  checked: Type.Array(Type.String()),
  violations: Type.Array(Type.Object({
    invariant: Type.String(),
    count: Type.Integer({ minimum: 1 }),
    examples: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  }, { additionalProperties: false })),
}, { additionalProperties: false });

// check-invariants.ts owns the interface; this alias stops the build when the two drift apart.
export type _InvariantSchemaMatchesInterface = Assert<SameShape<Static<typeof InvariantReportSchema>, InvariantReport>>;
