/**
 * What an organization's scope costs a one-statement request through the pool (not a test: it
 * prints figures). On an embedded PostgreSQL with the optimized schema, one request at a time,
 * each way of scoping a request takes turns with the others in a shuffled order every round, so
 * drift and other work on the machine fall on all of them alike:
 *
 * - no scope: `pool.query` of the statement alone, the floor (no row-level security at all);
 * - three round trips: BEGIN + SET LOCAL ROLE + set_config, the statement, COMMIT, each waited for;
 * - block: BEGIN + scope + statement in one exchange, then COMMIT (`withOrganization`);
 * - single statement: scope + statement + commit in one exchange (`singleStatement`), and the same
 *   with the scope parsed for every request instead of prepared once per connection;
 * - app-role login: the pool logs in as a role that starts as the application role, so only the
 *   organization is set (prepared once), in one exchange: what connecting as that role would save.
 *
 * `--statement write` makes the statement an UPDATE, so every request also waits for its commit's
 * WAL flush.
 *
 *   npx tsx bench/org-scope-round-trips.ts [--rounds 5000] [--warmup 500] [--statement read|write]
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { parseWholeNumber } from '../src/core/whole-number.js';
import { flagsOrExit } from './flags-or-exit.js';
import { cleanupAll } from '../src/harness/stack/cleanup.js';
import { createDatabase, uniqueDatabaseName, withDatabase } from '../src/core/database-admin.js';
import { EmbeddedProvider } from '../src/harness/stack/embedded-provider.js';
import {
  createLatencyHistogram,
  recordLatencyMs,
  summarize,
  type Histogram,
} from '../src/harness/measure/latency-histogram.js';
import { createDatabasePool, migrate, ScopedStatement, type DatabasePool } from '../src/service/index.js';

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5000' },
    warmup: { type: 'string', default: '500' },
    statement: { type: 'string', default: 'read' },
  },
});
const [rounds, warmup] = flagsOrExit('org-scope-round-trips', () => [
  parseWholeNumber('--rounds', flags.rounds, 1, 100_000),
  parseWholeNumber('--warmup', flags.warmup, 0, 100_000),
]);

const appRole = 'referral_bench_app';
const poolConfig = { max: 1, min: 1, idleTimeoutMs: 60_000, connectTimeoutMs: 5000, statementTimeoutMs: 5000 };
/** The request's one statement under row-level security, prepared once per connection. */
const statements = {
  read: { name: 'bench-student-read', text: 'SELECT id, first_name FROM students WHERE id = $1' },
  write: { name: 'bench-student-write', text: 'UPDATE students SET last_name = last_name WHERE id = $1' },
} as const;
if (flags.statement !== 'read' && flags.statement !== 'write') {
  process.stderr.write(`org-scope-round-trips: --statement: expected read or write, got ${String(flags.statement)}\n`);
  process.exit(2);
}
const statement = statements[flags.statement];

interface Option {
  readonly label: string;
  readonly roundTrips: number;
  run(organizationId: string, studentId: string): Promise<unknown>;
}

const provider = new EmbeddedProvider();
try {
  await run();
} finally {
  await provider.down();
  await cleanupAll();
}

async function run(): Promise<void> {
  progress('starting embedded PostgreSQL');
  const stack = await provider.up();
  const name = uniqueDatabaseName('rb_bench_scope');
  await createDatabase(stack.adminUrl, name);
  const url = withDatabase(stack.adminUrl, name);
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  await migrate(admin, 'optimized');
  const {
    rows: [org],
  } = await admin.query<{ id: string }>(
    `INSERT INTO organizations (name, timezone) VALUES ('Bench', 'UTC') RETURNING id`,
  );
  const { rows: students } = await admin.query<{ id: string }>(
    `INSERT INTO students (organization_id, first_name, last_name) SELECT $1, 'S' || i, 'Bench' FROM generate_series(1, 100) i RETURNING id`,
    [org!.id],
  );
  const login = { user: `rb_bench_app_${randomBytes(4).toString('hex')}`, password: randomBytes(12).toString('hex') };
  await admin.query(`CREATE ROLE ${login.user} LOGIN NOINHERIT PASSWORD '${login.password}' IN ROLE ${appRole}`);

  const servicePool = createDatabasePool(url, poolConfig);
  const rawPool = new pg.Pool({ connectionString: url, max: 1, statement_timeout: poolConfig.statementTimeoutMs });
  const appUrl = new URL(url);
  appUrl.username = login.user;
  appUrl.password = login.password;
  const appPool = new pg.Pool({ connectionString: appUrl.toString(), max: 1, options: `-c role=${appRole}` });
  // pg's pool.end() resolves before its sockets close: the server stopping under one must not be an unhandled error.
  for (const pool of [admin, rawPool, appPool]) pool.on('error', () => undefined);
  const pools: Array<{ end(): Promise<void> }> = [servicePool, rawPool, appPool];
  try {
    const options = planOptions(servicePool, rawPool, appPool);
    const histograms = new Map<string, Histogram>(options.map((o) => [o.label, createLatencyHistogram()]));
    progress(
      `${warmup} warm-up + ${rounds} measured rounds of ${options.length} options, interleaved, each request one ${flags.statement}`,
    );
    for (let round = 0; round < warmup + rounds; round += 1) {
      const student = students[round % students.length]!.id;
      for (const option of shuffled(options)) {
        const started = performance.now();
        await option.run(org!.id, student);
        if (round >= warmup) recordLatencyMs(histograms.get(option.label)!, performance.now() - started);
      }
    }
    console.table(
      options.map((option) => {
        const s = summarize(histograms.get(option.label)!);
        return {
          option: option.label,
          'round trips': option.roundTrips,
          n: s.count,
          'p50 ms': s.p50.toFixed(3),
          'p95 ms': s.p95.toFixed(3),
          'mean ms': s.mean.toFixed(3),
        };
      }),
    );
    progress(`load average (1 min) at the end: ${loadavg()[0]!.toFixed(2)}`);
  } finally {
    for (const pool of pools) await pool.end();
    await admin.query(`DROP OWNED BY ${login.user}`);
    await admin.query(`DROP ROLE ${login.user}`);
    await admin.end();
  }
}

function planOptions(servicePool: DatabasePool, rawPool: pg.Pool, appPool: pg.Pool): Option[] {
  return [
    {
      label: 'no scope (floor, no RLS)',
      roundTrips: 1,
      run: (_org, student) => rawPool.query({ ...statement, values: [student] }),
    },
    {
      label: 'three round trips (before)',
      roundTrips: 3,
      run: async (org, student) => {
        const client = await rawPool.connect();
        try {
          await client.query(
            `BEGIN; SET LOCAL ROLE ${appRole}; SELECT set_config('app.organization_id', ${client.escapeLiteral(org)}, true)`,
          );
          await client.query({ ...statement, values: [student] });
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      },
    },
    {
      label: 'block: BEGIN+scope+statement, COMMIT',
      roundTrips: 2,
      run: (org, student) => servicePool.withOrganization(org, (tx) => tx.query({ ...statement, values: [student] })),
    },
    {
      label: 'single statement',
      roundTrips: 1,
      run: (org, student) =>
        servicePool.withOrganization(org, (tx) => tx.query({ ...statement, values: [student] }), {
          singleStatement: true,
        }),
    },
    {
      label: 'single statement, scope parsed each time',
      roundTrips: 1,
      run: async (org, student) => {
        const client = await rawPool.connect();
        try {
          const scope = {
            text: `SELECT set_config('role', $1, true), set_config('app.organization_id', $2, true)`,
            values: [appRole, org],
          };
          const exchange = new ScopedStatement([scope], { ...statement, values: [student] });
          client.query(exchange as unknown as pg.Submittable);
          await exchange.result;
        } finally {
          client.release();
        }
      },
    },
    {
      label: 'app-role login, organization only',
      roundTrips: 1,
      run: async (org, student) => {
        const client = await appPool.connect();
        try {
          const exchange = new ScopedStatement(
            [
              {
                name: 'bench-scope-organization',
                text: `SELECT set_config('app.organization_id', $1, true)`,
                values: [org],
              },
            ],
            { ...statement, values: [student] },
          );
          client.query(exchange as unknown as pg.Submittable);
          await exchange.result;
        } finally {
          client.release();
        }
      },
    },
  ];
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function progress(line: string): void {
  process.stderr.write(`[org-scope-round-trips] ${line}\n`);
}
