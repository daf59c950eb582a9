/** CREATE / DROP DATABASE and URL helpers shared by the providers, the seeder, the commands and the test helpers. */
import pg from 'pg';
import { HarnessError } from './errors.js';

/** Parses a postgres:// URL, failing with a one-line message that names the setting. */
export function parseDatabaseUrl(url: string, setting = '--database-url'): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HarnessError(
      'BAD_DATABASE_URL',
      `${setting}: "${redact(url)}" is not a URL (expected postgres://user[:password]@host[:port]/database)`,
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new HarnessError('BAD_DATABASE_URL', `${setting}: expected a postgres:// URL, got ${parsed.protocol}//`);
  }
  if (!parsed.hostname) throw new HarnessError('BAD_DATABASE_URL', `${setting}: the URL has no host`);
  return parsed;
}

/** The same URL pointing at another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const parsed = parseDatabaseUrl(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The database name a URL points at. */
export function databaseName(url: string): string {
  return decodeURIComponent(parseDatabaseUrl(url).pathname.replace(/^\//, '')) || 'postgres';
}

/**
 * Hides the password of a URL for messages and reports. The service masks its own start-up lines
 * the same way (src/service/redact-url.ts); the two programs share no code, so each keeps its copy.
 */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/** Opens one connection, runs `work`, closes it; unreachable servers become one clear error. */
export async function withClient<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
  connectTimeoutMs = 5000,
): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error: unknown) {
    await client.end().catch(() => undefined);
    throw new HarnessError('DATABASE_UNREACHABLE', `cannot connect to ${redact(url)}: ${describe(error)}`, {
      cause: error,
    });
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

const safeName = /^[a-z_][a-z0-9_]{0,62}$/;

/** Creates a database (optionally from a template) on the server of `adminUrl`. */
export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  if (!safeName.test(name) || (template !== undefined && !safeName.test(template))) {
    throw new HarnessError('BAD_CONFIG', `database name "${name}" must match ${safeName.source}`);
  }
  await withClient(adminUrl, async (client) => {
    await client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  });
}

/** Drops a database if it exists, disconnecting anyone still in it. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  if (!safeName.test(name))
    throw new HarnessError('BAD_CONFIG', `database name "${name}" must match ${safeName.source}`);
  await withClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}

/** A database name unique to this process and moment, with a readable prefix. */
export function uniqueDatabaseName(prefix = 'referral_bench'): string {
  const random = Math.random().toString(36).slice(2, 8);
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${random}`.toLowerCase();
}

/** What settleWrites did: flushed, or left the server as it was, and why. */
export type Settled = { readonly settled: true } | { readonly settled: false; readonly why: string };

/**
 * Flushes what seeding or cloning left dirty before anything is measured: a CHECKPOINT writes
 * every dirty shared buffer and syncs the files. Without it the server's own background flush
 * (spread over checkpoint_timeout; a 1M-referral load or clone leaves gigabytes of WAL behind)
 * and the kernel's writeback run under the first minutes of a load, and a write's commit waits
 * behind them. Measured at 1M referrals with `npx tsx bench/service-endpoints.ts --referrals 1m`,
 * two runs one after the other (load average 1.0-1.4), without it and with it: create-referral
 * p95 2.58 -> 1.33 ms, update-status 3.85 -> 1.40 ms.
 *
 * Only an optimisation: a server that refuses it (CHECKPOINT needs superuser or pg_checkpoint),
 * a statement timeout or a pooler that does not pass it on leaves the server as it is, and the
 * caller says so; it never fails the run.
 */
export async function settleWrites(client: pg.ClientBase): Promise<Settled> {
  try {
    await client.query('CHECKPOINT');
    return { settled: true };
  } catch (error: unknown) {
    return { settled: false, why: describe(error) };
  }
}
