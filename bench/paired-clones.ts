/**
 * The paired benches' set-up: an embedded PostgreSQL, two clones (A and B) of one seeded dataset,
 * a connection to each, and the server torn down after, whatever happens.
 */
import { randomInt } from 'node:crypto';
import pg from 'pg';
import { uniqueDatabaseName, withDatabase } from '../src/core/database-admin.js';
import { cleanupAll } from '../src/harness/stack/cleanup.js';
import { EmbeddedProvider } from '../src/harness/stack/embedded-provider.js';
import { hodgesLehmann } from '../src/harness/stats/hodges-lehmann.js';
import { ensureSeededDatabase } from '../seed/seed-template.js';

export const sides = ['A', 'B'] as const;
/** The dataset's seed: both clones are of `referrals` seeded with it. */
export const pairedSeed = 42;
export type Side = (typeof sides)[number];
export type PairedClients = Record<Side, pg.Client>;

/**
 * Starts the server, clones `referrals` (seed 42) twice as `<prefix>_a_...` and `<prefix>_b_...`,
 * runs `work` with a client on each, then closes the clients and stops the server.
 */
export async function withPairedClones(
  referrals: string,
  prefix: string,
  progress: (line: string) => void,
  work: (clients: PairedClients) => Promise<void>,
): Promise<void> {
  const provider = new EmbeddedProvider();
  const clients: Partial<PairedClients> = {};
  try {
    progress('starting embedded PostgreSQL');
    const stack = await provider.up();
    for (const side of sides) {
      const name = uniqueDatabaseName(`${prefix}_${side.toLowerCase()}`);
      progress(`side ${side}: a clone of ${referrals} referrals (seed ${pairedSeed})`);
      await ensureSeededDatabase({ adminUrl: stack.adminUrl, targetName: name, referrals, seed: pairedSeed });
      const client = new pg.Client({ connectionString: withDatabase(stack.adminUrl, name) });
      client.on('error', () => undefined);
      await client.connect();
      clients[side] = client;
    }
    await work(clients as PairedClients);
  } finally {
    for (const side of sides) await clients[side]?.end().catch(() => undefined);
    await provider.down();
    await cleanupAll();
  }
}

/** A side's call times: count, p50, p95 (nearest rank), mean, min and max, in ms to the microsecond. */
export function describe(ms: readonly number[]) {
  const sorted = [...ms].sort((x, y) => x - y);
  const at = (q: number) =>
    round3(sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1))] ?? NaN);
  return {
    n: sorted.length,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    meanMs: round3(sorted.reduce((s, x) => s + x, 0) / sorted.length),
    minMs: at(0),
    maxMs: round3(sorted.at(-1) ?? NaN),
  };
}

export function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** What {@link pairedRounds} measured: each side's median time per call, and B over A. */
export interface PairedCalls {
  readonly aMsPerCall: number;
  readonly bMsPerCall: number;
  /** The Hodges-Lehmann estimate of the rounds' ratios B/A (on their logs), with its 95% interval. */
  readonly ratio: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

/**
 * Times one `DO` block of `calls` calls on each side per round, the sides in random order, scoped
 * as the service scopes a request (its role and `organization`, in a transaction rolled back
 * after, so calls that write leave both sides alike). One warm round each first; a round's time
 * over its calls is one sample.
 */
export async function pairedRounds(
  clients: PairedClients,
  organization: string,
  block: string,
  calls: number,
  rounds: number,
): Promise<PairedCalls> {
  const timeRound = async (side: Side): Promise<number> => {
    const client = clients[side];
    await client.query('BEGIN');
    try {
      await client.query(
        `SELECT set_config('role', 'referral_bench_app', true), set_config('app.organization_id', $1, true)`,
        [organization],
      );
      const before = performance.now();
      await client.query(block);
      return (performance.now() - before) / calls;
    } finally {
      await client.query('ROLLBACK');
    }
  };
  for (const side of sides) await timeRound(side);
  const samples: { a: number; b: number }[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const order = randomInt(2) === 0 ? sides : ([...sides].reverse() as Side[]);
    const times = {} as Record<Side, number>;
    for (const side of order) times[side] = await timeRound(side);
    samples.push({ a: times.A, b: times.B });
  }
  const hl = hodgesLehmann(samples.map((sample) => Math.log(sample.b / sample.a)));
  const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
  return {
    aMsPerCall: round3(median(samples.map((sample) => sample.a))),
    bMsPerCall: round3(median(samples.map((sample) => sample.b))),
    ratio: round3(Math.exp(hl.estimate)),
    lower: hl.lower === undefined ? null : round3(Math.exp(hl.lower)),
    upper: hl.upper === undefined ? null : round3(Math.exp(hl.upper)),
  };
}
