/**
 * The shape of a scenario file, as a TypeBox schema validated with ajv when a scenario is loaded.
 * A scenario is data: a load model, a weighted journey of contract routes and per-profile sizes
 * (smoke | quick | full | soak). It carries no pass/fail number: what a run is judged by is the
 * target rows (src/harness/targets), which name the scenario and step they are measured on.
 */
import { Type, type Static } from '@sinclair/typebox';
import { routeLabels } from './route-labels.js';

const Literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)));

export const ThinkTimeSchema = Type.Union([
  Type.Object(
    { distribution: Type.Literal('fixed'), ms: Type.Number({ minimum: 0 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    { distribution: Type.Literal('uniform'), minMs: Type.Number({ minimum: 0 }), maxMs: Type.Number({ minimum: 0 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      distribution: Type.Literal('exponential'),
      meanMs: Type.Number({ minimum: 0 }),
      maxMs: Type.Optional(Type.Number({ minimum: 0 })),
    },
    { additionalProperties: false },
  ),
]);

export const LoadModelSchema = Type.Object(
  {
    /** closed: `levels` are concurrent users; open: `levels` are arrival rates (req/s). */
    model: Literals(['closed', 'open'] as const),
    /** Closed model: pause between a user's requests. */
    thinkTime: Type.Optional(ThinkTimeSchema),
    /** Closed model: users start spread over this time. */
    rampUpMs: Type.Optional(Type.Integer({ minimum: 0 })),
    /** Open model. */
    arrival: Type.Optional(Literals(['uniform', 'poisson'] as const)),
    /** Open model: requests in flight at most (and connections). */
    maxInFlight: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

const stepFields = {
  route: Literals(routeLabels),
  /** Extra query string, e.g. 'fresh=true' for the uncached dashboard. */
  query: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.=&-]+$' })),
  /**
   * update-status only: the status asked for, or 'advance' (pending to contacted, contacted to
   * enrolled or, one in five, declined). @default 'advance'
   */
  status: Type.Optional(Literals(['contacted', 'enrolled', 'declined', 'advance'] as const)),
};

export const JourneyStepSchema = Type.Object(
  {
    ...stepFields,
    weight: Type.Number({ exclusiveMinimum: 0 }),
    /** Per-route steps: this route's level (users or req/s) in place of the profile's, e.g. fewer bulk requests of 100. */
    level: Type.Optional(Type.Number({ minimum: 1 })),
  },
  { additionalProperties: false },
);

/** One request of a session. */
export const SessionStepSchema = Type.Object(stepFields, { additionalProperties: false });

/**
 * An ordered visit: its requests run in turn, with think time between them. Why a session and its
 * share: a comment beside it, as the mix is fixed there before anything is measured.
 */
export const SessionSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z0-9-]+$' }),
    /** Chance of this session among the scenario's, by weight, each time a user starts one. */
    weight: Type.Number({ exclusiveMinimum: 0 }),
    steps: Type.Array(SessionStepSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const ProfileSchema = Type.Object(
  {
    /** Dataset sizes (referrals) to seed; every scenario but data-volume uses one. */
    referrals: Type.Array(Type.Integer({ minimum: 1000 }), { minItems: 1 }),
    /** Concurrent users (closed model) or arrival rates in req/s (open model), one step each. */
    levels: Type.Array(Type.Number({ minimum: 1 }), { minItems: 1 }),
    /** Load per step; measured after the warm-up. */
    stepDurationMs: Type.Integer({ minimum: 100 }),
    warmupMs: Type.Integer({ minimum: 0 }),
    /** Count bound of every step, beside its duration. */
    maxRequestsPerStep: Type.Integer({ minimum: 1 }),
    /**
     * Repetitions (pairs, for paired comparisons) of each step, where this scenario needs more than
     * the run's default to decide its rows; --repeat overrides it.
     */
    repetitions: Type.Optional(Type.Integer({ minimum: 1 })),
    /** before-after: timed executions of each query per variant, spread over the run's repetitions. */
    executions: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const BeforeAfterQuerySchema = Type.Object(
  {
    /** The step name results use, e.g. 'referral-lookup'. */
    step: Type.String({ pattern: '^[a-z0-9-]+$' }),
    /** The HTTP route serving the same read. */
    route: Literals(routeLabels),
    /** Parameterized SQL, run with app.organization_id set to the organization. */
    sql: Type.String({ minLength: 1 }),
    /** What fills $1, $2, ...: taken from a student of the context. */
    params: Type.Array(Literals(['studentId', 'organizationId'] as const)),
    /** The spec's claimed reduction of the optimized variant, in percent. */
    claimedReductionPct: Type.Number({ minimum: 0, maximum: 100 }),
    /** An index the optimized plan is expected to use. */
    optimizedPlanUses: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

export const ScenarioSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z0-9-]+$' }),
    load: LoadModelSchema,
    /** How the run is split into steps: one per level, per dataset size, per journey route, or per query. */
    stepsBy: Literals(['level', 'size', 'route', 'query'] as const),
    journey: Type.Array(JourneyStepSchema, { minItems: 1 }),
    /**
     * Closed model: what each virtual user does, as sessions; the journey then gives the same
     * routes as one weighted list, for per-route steps and runners without sessions.
     */
    sessions: Type.Optional(Type.Array(SessionSchema, { minItems: 1 })),
    /**
     * Share (0..1) of the writes that take a referral another session is working on, as two admins
     * on one pending list do: the only writes that may lose a race (an expected 409). @default 0
     */
    contention: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    /** Service configurations each step runs under, e.g. the referral feature off and on. */
    referralFeature: Type.Optional(Type.Array(Literals(['off', 'on'] as const), { minItems: 1 })),
    /** Schema variants each step runs on, over the same data. */
    schemaVariants: Type.Optional(Type.Array(Literals(['baseline', 'optimized'] as const), { minItems: 1 })),
    /** before-after only. */
    queries: Type.Optional(Type.Array(BeforeAfterQuerySchema, { minItems: 1 })),
    /**
     * faults only: what is broken under the load, in order, one window each. holdMs is how long a
     * fault lasts before it is undone (0: an instant one, a restart or a kill).
     */
    faults: Type.Optional(
      Type.Object(
        {
          /** Load before the first fault, ms after the warm-up. */
          leadMs: Type.Integer({ minimum: 0 }),
          /** Each fault's window: from its injection to the next one's. */
          windowMs: Type.Integer({ minimum: 1000 }),
          inject: Type.Array(
            Type.Object(
              {
                name: Literals(['redis-down', 'postgres-restart', 'pool-exhausted', 'worker-killed'] as const),
                holdMs: Type.Integer({ minimum: 0 }),
                /** Requests sent at once while the fault holds, beside the load (pool-exhausted: more than every worker's pool). @default 0 */
                burst: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
              },
              { additionalProperties: false },
            ),
            { minItems: 1 },
          ),
        },
        { additionalProperties: false },
      ),
    ),
    /**
     * Why the scenario must start or reconfigure the service (or its servers) itself: against a
     * service that is already running (--target-url) it is skipped with this reason.
     */
    needsOwnService: Type.Optional(Type.String({ minLength: 1 })),
    /** soak: only scenarios a long run at a moderate load means something for (`--profile soak`). */
    profiles: Type.Object(
      { smoke: ProfileSchema, quick: ProfileSchema, full: ProfileSchema, soak: Type.Optional(ProfileSchema) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export type Scenario = Static<typeof ScenarioSchema>;
export type ScenarioProfile = Static<typeof ProfileSchema>;
export type JourneyStep = Static<typeof JourneyStepSchema>;
export type SessionStep = Static<typeof SessionStepSchema>;
export type ScenarioSession = Static<typeof SessionSchema>;
export type ProfileName = keyof Scenario['profiles'];

/** The scenario's settings under `name`; a scenario without a soak entry is not run by a soak. */
export function profileOf(scenario: Scenario, name: ProfileName): ScenarioProfile {
  const profile = scenario.profiles[name];
  if (profile === undefined) throw new Error(`scenario '${scenario.name}' has no '${name}' profile`);
  return profile;
}
