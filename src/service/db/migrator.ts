/**
 * Applies the numbered SQL migrations of one schema variant, each in its own transaction,
 * idempotently, and records them in `referral_bench_migrations`.
 *
 * File names: `NNNN_concern.sql` applies to both variants, the pair `NNNN_concern.baseline.sql` /
 * `NNNN_concern.optimized.sql` to one each (docs/schema-migrations.md says which file holds what).
 *
 * A database is only ever migrated forward along the very files it was migrated with. One whose
 * ledger names a migration this set does not have, under that version, name and checksum, was
 * migrated with files that have changed since: it is refused whole (SCHEMA_DRIFT) before anything
 * is applied. It holds benchmark data only, so the way on is to recreate it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Queryable } from './queryable.js';

/** The two schema variants: the spec's optimizations, or the same schema without them. */
export type SchemaVariant = 'optimized' | 'baseline';
export const schemaVariants: readonly SchemaVariant[] = ['optimized', 'baseline'];

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly appliesTo: SchemaVariant | 'both';
  readonly sql: string;
  readonly checksum: string;
}

export type MigrationErrorCode = 'SCHEMA_TOO_NEW' | 'SCHEMA_VARIANT_MISMATCH' | 'SCHEMA_DRIFT' | 'MIGRATION_FAILED';

export class MigrationError extends Error {
  readonly code: MigrationErrorCode;
  constructor(code: MigrationErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
    this.code = code;
  }
}

export interface MigrationOutcome {
  readonly variant: SchemaVariant;
  readonly applied: readonly number[];
  readonly skipped: readonly number[];
  readonly currentVersion: number;
}

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));
const fileName = /^(\d{4})_([a-z0-9-]+)(?:\.(optimized|baseline))?\.sql$/;

/** Every migration file, in version order. */
export function loadAllMigrations(dir: string = migrationsDir): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    const match = fileName.exec(file);
    if (!match) continue;
    const sql = readFileSync(join(dir, file), 'utf8');
    migrations.push({
      version: Number(match[1]),
      name: match[2] ?? file,
      appliesTo: (match[3] as SchemaVariant | undefined) ?? 'both',
      sql,
      checksum: createHash('sha256').update(sql).digest('hex').slice(0, 16),
    });
  }
  return migrations;
}

/** The migrations of one variant, in version order. */
export function migrationsFor(variant: SchemaVariant, all: readonly Migration[] = loadAllMigrations()): Migration[] {
  return all.filter((m) => m.appliesTo === 'both' || m.appliesTo === variant);
}

const ledgerDdl = `
CREATE TABLE IF NOT EXISTS referral_bench_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  variant text NOT NULL CHECK (variant IN ('optimized', 'baseline')),
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

interface LedgerRow {
  version: number;
  name: string;
  variant: SchemaVariant;
  checksum: string;
}

/**
 * Brings the database to the newest migration of `variant`. Safe to run concurrently and
 * repeatedly: an advisory lock serializes runners, and applied versions are skipped.
 */
export async function migrate(
  db: Queryable,
  variant: SchemaVariant,
  all: readonly Migration[] = loadAllMigrations(),
): Promise<MigrationOutcome> {
  const wanted = migrationsFor(variant, all);
  const knownMax = Math.max(0, ...all.map((m) => m.version));
  const applied: number[] = [];
  const skipped: number[] = [];

  await db.query('SELECT pg_advisory_lock(hashtext($1))', ['referral_bench_migrations']);
  try {
    await db.query(ledgerDdl);
    const rows = await readLedger(db);
    const done = new Set(rows.map((r) => r.version));
    const newest = rows.at(-1);
    if (newest && newest.version > knownMax) {
      throw new MigrationError(
        'SCHEMA_TOO_NEW',
        `database is at migration ${newest.version} (${newest.name}) but this referral-bench knows only up to ${knownMax}; upgrade referral-bench or use a fresh database`,
      );
    }
    if (newest && newest.variant !== variant) {
      throw new MigrationError(
        'SCHEMA_VARIANT_MISMATCH',
        `database holds the ${newest.variant} schema variant, not ${variant}; use a fresh database to switch variants`,
      );
    }
    // A file numbered below the newest applied one would run on top of later ones: drift too.
    const inserted = wanted
      .filter((m) => !done.has(m.version) && newest !== undefined && m.version < newest.version)
      .map((m) => `migration ${m.version} (${m.name}) is new but numbered below the applied ${newest?.version}`);
    const changed = [...changedMigrations(rows, wanted), ...inserted];
    if (changed.length > 0) throw drift(changed);
    for (const m of wanted) {
      if (done.has(m.version)) {
        skipped.push(m.version);
        continue;
      }
      await db.query('BEGIN');
      try {
        await db.query(m.sql);
        await db.query(
          'INSERT INTO referral_bench_migrations (version, name, variant, checksum) VALUES ($1, $2, $3, $4)',
          [m.version, m.name, variant, m.checksum],
        );
        await db.query('COMMIT');
      } catch (error: unknown) {
        await db.query('ROLLBACK');
        throw new MigrationError(
          'MIGRATION_FAILED',
          `migration ${m.version} (${m.name}) failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      applied.push(m.version);
    }
  } finally {
    await db.query('SELECT pg_advisory_unlock(hashtext($1))', ['referral_bench_migrations']);
  }
  return { variant, applied, skipped, currentVersion: Math.max(0, ...wanted.map((m) => m.version)) };
}

/**
 * Refuses (SCHEMA_DRIFT) a database whose applied migrations are not exactly the files of
 * `variant`: one changed or gone since, or one not applied. Only reads: for a seeded database used
 * as it is, which nothing migrates.
 */
export async function assertMigratedWith(
  db: Queryable,
  variant: SchemaVariant,
  all: readonly Migration[] = loadAllMigrations(),
): Promise<void> {
  const wanted = migrationsFor(variant, all);
  const rows = await readLedger(db);
  const applied = new Set(rows.map((r) => r.version));
  const changes = [
    ...changedMigrations(rows, wanted),
    ...wanted.filter((m) => !applied.has(m.version)).map((m) => `migration ${m.version} (${m.name}) is not applied`),
  ];
  if (changes.length > 0) throw drift(changes);
}

/** The applied migrations, in version order. */
async function readLedger(db: Queryable): Promise<LedgerRow[]> {
  const { rows } = await db.query<LedgerRow>(
    'SELECT version, name, variant, checksum FROM referral_bench_migrations ORDER BY version',
  );
  return rows;
}

/** How the applied migrations differ from the files of `wanted`: none when each is still one of them, unchanged. */
function changedMigrations(applied: readonly LedgerRow[], wanted: readonly Migration[]): string[] {
  const byVersion = new Map(wanted.map((m) => [m.version, m]));
  const changes: string[] = [];
  for (const row of applied) {
    const file = byVersion.get(row.version);
    if (!file) changes.push(`migration ${row.version} (${row.name}) is no longer a file`);
    else if (file.name !== row.name) changes.push(`migration ${row.version} was ${row.name}, now ${file.name}`);
    else if (file.checksum !== row.checksum)
      changes.push(
        `migration ${row.version} (${row.name}) was applied with checksum ${row.checksum}, the file now has ${file.checksum}`,
      );
  }
  return changes;
}

function drift(changes: readonly string[]): MigrationError {
  const shown = changes.slice(0, 3);
  if (changes.length > shown.length) shown.push(`${changes.length - shown.length} more`);
  return new MigrationError(
    'SCHEMA_DRIFT',
    `the schema migrations have changed since this database was migrated (${shown.join('; ')}); it holds benchmark data and is never upgraded across changed migrations: recreate it (drop it, create it empty, then migrate or seed it again)`,
  );
}

/** The variant a migrated database holds, or undefined when it has never been migrated. */
export async function readSchemaVariant(db: Queryable): Promise<SchemaVariant | undefined> {
  const { rows } = await db
    .query<{ variant: SchemaVariant }>(`SELECT variant FROM referral_bench_migrations ORDER BY version DESC LIMIT 1`)
    .catch((error: unknown) => {
      if (typeof error === 'object' && error !== null && (error as { code?: string }).code === '42P01')
        return { rows: [] };
      throw error;
    });
  return rows[0]?.variant;
}
