/** The run's micro-benchmarks (`run --with-micro`): tinybench's figures per task, and how the suite ended. */
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './string-enum.js';
import type { DeepReadonly } from './schema-matches.js';

export const MicroTaskSchema = Type.Object(
  {
    /** The bench/ file the task comes from, e.g. 'token-verification'. */
    suite: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
    /** Mean of the samples' rates (tinybench's throughput mean). */
    opsPerSecond: Type.Number({ minimum: 0 }),
    /** Mean time of one call, ms. */
    meanMs: Type.Number({ minimum: 0 }),
    /** Half-width of the mean time's 95% interval, in percent of it; absent with fewer than two samples. */
    marginPct: Type.Optional(Type.Number({ minimum: 0 })),
    samples: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

export const MicroBenchmarksSchema = Type.Object(
  {
    /**
     * completed: every task timed; timed-out: stopped at the budget's deadline, the tasks timed
     * until then kept; errored: the suite did not run (reason says why); interrupted: the run was stopped.
     */
    state: StringEnum(['completed', 'timed-out', 'errored', 'interrupted'] as const),
    reason: Type.Optional(Type.String()),
    /** The time the suite was given, ms; its tasks share what their setup leaves of it. */
    budgetMs: Type.Integer({ minimum: 1 }),
    /** Wall time from starting the suite's process to its end, ms. */
    durationMs: Type.Number({ minimum: 0 }),
    tasks: Type.Array(MicroTaskSchema),
    /** Tasks that threw, with the error's message. */
    failed: Type.Optional(
      Type.Array(
        Type.Object(
          {
            suite: Type.String({ minLength: 1 }),
            name: Type.String({ minLength: 1 }),
            error: Type.String(),
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);

export type MicroBenchmarks = DeepReadonly<Static<typeof MicroBenchmarksSchema>>;
export type MicroTaskResult = DeepReadonly<Static<typeof MicroTaskSchema>>;
