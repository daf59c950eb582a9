/**
 * A deployed target's dataset (--target-url): the database its service uses is seeded in place
 * once (it must be empty then; `referral-bench seed` does the same), and the seeder keeps the
 * manifest as the database's comment, so a later run finds it seeded. A scenario that needs another dataset than the one it holds
 * cannot run there: it is skipped, saying which.
 */
import type pg from 'pg';
import { assertMigratedWith, MigrationError, readSchemaVariant, type SchemaVariant } from '../../service/index.js';
import { HarnessError } from '../../core/errors.js';
import { redact, withClient } from '../../core/database-admin.js';
import { seedFormatVersion, type SeedManifest } from '../../../seed/manifest.js';
import type { SeedProgress } from '../../core/progress.js';
import { seedDataset } from '../../../seed/seed-dataset.js';

/** A scenario that cannot run in this run's set-up; the run records it as skipped with this reason. */
export class ScenarioSkipped extends Error {
  override readonly name = 'ScenarioSkipped';
}

export interface TargetDatasetOptions {
  readonly databaseUrl: string;
  readonly referrals: number;
  readonly seed: number;
  readonly variant: SchemaVariant;
  readonly progress?: SeedProgress;
  readonly signal?: AbortSignal;
}

async function storedManifest(client: pg.ClientBase): Promise<SeedManifest | undefined> {
  const { rows } = await client.query<{ comment: string | null }>(
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = current_database()`,
  );
  try {
    const manifest = JSON.parse(rows[0]?.comment ?? 'null') as SeedManifest | null;
    return manifest && typeof manifest.referrals === 'number' ? manifest : undefined;
  } catch {
    return undefined; // someone else's comment: the database was not seeded by referral-bench
  }
}

/** Held while a target database is checked and seeded: generators started together seed it once. */
const seedingLock = "hashtext('referral-bench:seed-target')";

/** A seeded target is used as it is, never migrated: one migrated with other files than these is refused (SCHEMA_DRIFT). */
async function refuseOtherMigrations(
  client: pg.ClientBase,
  databaseUrl: string,
  variant: SchemaVariant,
): Promise<void> {
  try {
    await assertMigratedWith(client, variant);
  } catch (error: unknown) {
    if (error instanceof MigrationError)
      throw new HarnessError(error.code, `the target's database ${redact(databaseUrl)}: ${error.message}`, {
        cause: error,
      });
    throw error;
  }
}

/**
 * The target database's manifest for (referrals, seed, variant), seeding it first if it is empty.
 * A database with tables that are not referral-bench's, or with data and no manifest (someone
 * else's, or a seeding that was cut short), is refused before anything is written to it; so is a
 * seeded one migrated with other migration files than these.
 */
export async function ensureTargetDataset(
  options: TargetDatasetOptions,
): Promise<{ manifest: SeedManifest; seeded: boolean }> {
  const { databaseUrl, referrals, seed, variant } = options;
  return withClient(databaseUrl, async (client) => {
    await client.query(`SELECT pg_advisory_lock(${seedingLock})`);
    try {
      const held = await storedManifest(client);
      if (held) {
        if (
          held.referrals === referrals &&
          held.seed === seed &&
          held.variant === variant &&
          held.seedFormatVersion === seedFormatVersion
        ) {
          await refuseOtherMigrations(client, databaseUrl, variant);
          return { manifest: held, seeded: false };
        }
        throw new ScenarioSkipped(
          `the target's database holds ${held.referrals.toLocaleString('en')} referrals (seed ${held.seed}, ${held.variant} schema${held.seedFormatVersion === seedFormatVersion ? '' : ', an older seed format'}); this scenario needs ${referrals.toLocaleString('en')} (seed ${seed}, ${variant})`,
        );
      }
      const {
        rows: [tables],
      } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema()`,
      );
      if ((tables?.n ?? 0) > 0 && (await readSchemaVariant(client)) === undefined) {
        throw new HarnessError(
          'BAD_CONFIG',
          `--database-url ${redact(databaseUrl)} holds tables that are not referral-bench's: give the target a database of its own`,
        );
      }
      // Refuses a referral-bench database that holds data without a manifest (BAD_CONFIG, naming
      // it); stores its manifest as the comment read above once everything is in.
      const manifest = await seedDataset({
        databaseUrl,
        referrals,
        seed,
        variant,
        ...(options.progress ? { progress: options.progress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return { manifest, seeded: true };
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${seedingLock})`).catch(() => undefined);
    }
  });
}
