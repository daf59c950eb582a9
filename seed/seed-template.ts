/**
 * Seeded template databases: a dataset is generated once per (N, seed, variant, schema) into a
 * database named after them, and each run gets a clone (CREATE DATABASE ... TEMPLATE), which
 * copies files instead of re-running the seeder. A template is complete once its manifest is
 * stored as the database's comment; one left half-built by a crash is rebuilt.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { HarnessError } from '../src/core/errors.js';
import { createDatabase, dropDatabase, withClient, withDatabase } from '../src/core/database-admin.js';
import { migrationsFor, type SchemaVariant } from '../src/service/index.js';
import { seedFormatVersion, type SeedManifest } from './manifest.js';
import type { SeedProgress } from '../src/core/progress.js';
import { parseReferralCount } from './scale.js';
import { parseSeed } from '../src/core/whole-number.js';
import { seedDataset } from './seed-dataset.js';

export interface TemplateOptions {
  /** A maintenance connection (database `postgres`) on the server. */
  readonly adminUrl: string;
  readonly referrals: number | string;
  /** @default 42 */
  readonly seed?: number | string;
  /** @default 'optimized' */
  readonly variant?: SchemaVariant;
  readonly progress?: SeedProgress;
  /** Stops a template being built (it is dropped, never left half-built). */
  readonly signal?: AbortSignal;
}

export interface EnsureSeededOptions extends TemplateOptions {
  /** The database to create as a clone; it must not exist. */
  readonly targetName: string;
}

/** `rb_tpl_<variant>_<n>_<seed>_<fingerprint>`: the fingerprint changes with the schema or the generators. */
export function templateName(variant: SchemaVariant, referrals: number, seed: number): string {
  const fingerprint = createHash('sha256')
    .update(
      `${seedFormatVersion}:${migrationsFor(variant)
        .map((m) => `${m.version}:${m.checksum}`)
        .join(',')}`,
    )
    .digest('hex')
    .slice(0, 8);
  return `rb_tpl_${variant}_${referrals}_${seed}_${fingerprint}`;
}

async function storedManifest(client: pg.ClientBase, name: string): Promise<SeedManifest | undefined | null> {
  const { rows } = await client.query<{ comment: string | null }>(
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
    [name],
  );
  if (rows.length === 0) return undefined;
  try {
    return JSON.parse(rows[0]?.comment ?? 'null') as SeedManifest | null;
  } catch {
    return null;
  }
}

/** Makes sure the template for (N, seed, variant) exists, seeding it if needed; returns its name and manifest. */
export async function seedTemplate(
  options: TemplateOptions,
): Promise<{ name: string; manifest: SeedManifest; built: boolean }> {
  const referrals = parseReferralCount(options.referrals);
  const seed = parseSeed(options.seed ?? 42);
  const variant = options.variant ?? 'optimized';
  const name = templateName(variant, referrals, seed);
  return withClient(options.adminUrl, async (admin) => {
    // one builder per template at a time; others wait here and then find it complete
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      const existing = await storedManifest(admin, name);
      if (existing) return { name, manifest: existing, built: false };
      if (existing === null) await dropDatabase(options.adminUrl, name);
      await createDatabase(options.adminUrl, name);
      try {
        const manifest = await seedDataset({
          databaseUrl: withDatabase(options.adminUrl, name),
          referrals,
          seed,
          variant,
          ...(options.progress ? { progress: options.progress } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        });
        const { rows } = await admin.query<{ sql: string }>('SELECT format($1::text, $2::text, $3::text) AS sql', [
          'COMMENT ON DATABASE %I IS %L',
          name,
          JSON.stringify(manifest),
        ]);
        await admin.query(rows[0]!.sql);
        return { name, manifest, built: true };
      } catch (error: unknown) {
        await dropDatabase(options.adminUrl, name).catch(() => undefined);
        throw error;
      }
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
}

/**
 * Creates `targetName` as a clone of the (N, seed, variant) template, building the template
 * first if it does not exist yet. Returns the template's manifest, marked as cloned.
 */
export async function ensureSeededDatabase(options: EnsureSeededOptions): Promise<SeedManifest> {
  const template = await seedTemplate(options);
  const started = performance.now();
  try {
    await createDatabase(options.adminUrl, options.targetName, template.name);
  } catch (error: unknown) {
    if (error instanceof HarnessError) throw error;
    throw new HarnessError(
      'BAD_CONFIG',
      `cannot clone ${template.name} into ${options.targetName}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const cloneMs = Math.round(performance.now() - started);
  return template.built
    ? { ...template.manifest, template: template.name, timings: { ...template.manifest.timings, cloneMs } }
    : {
        ...template.manifest,
        source: 'template',
        template: template.name,
        timings: { ...template.manifest.timings, cloneMs },
      };
}
