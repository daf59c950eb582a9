/**
 * A deployed target's dataset (--target-url): the database its service uses is seeded in place
 * once (it must be empty then; `referral-bench seed` does the same), and the seeder keeps the
 * manifest as the database's comment, so a later run finds it seeded. A scenario that needs another dataset than the one it holds
 * cannot run there: it is skipped, saying which.
 */
import type pg from 'pg';
import type { SchemaVariant } from '../../service/index.js';
import { withClient } from '../../core/database-admin.js';
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
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = current_database()`);
  try {
    const manifest = JSON.parse(rows[0]?.comment ?? 'null') as SeedManifest | null;
    return manifest && typeof manifest.referrals === 'number' ? manifest : undefined;
  } catch {
    return undefined; // someone else's comment: the database was not seeded by referral-bench
  }
}

/** The target database's manifest for (referrals, seed, variant), seeding it first if it is empty. */
export async function ensureTargetDataset(options: TargetDatasetOptions): Promise<SeedManifest> {
  const { databaseUrl, referrals, seed, variant } = options;
  const held = await withClient(databaseUrl, storedManifest);
  if (held) {
    if (held.referrals === referrals && held.seed === seed && held.variant === variant && held.seedFormatVersion === seedFormatVersion) return held;
    throw new ScenarioSkipped(`the target's database holds ${held.referrals.toLocaleString('en')} referrals (seed ${held.seed}, ${held.variant} schema${held.seedFormatVersion === seedFormatVersion ? '' : ', an older seed format'}); this scenario needs ${referrals.toLocaleString('en')} (seed ${seed}, ${variant})`);
  }
  // Refuses a database that holds data it did not seed (BAD_CONFIG), naming it; stores its manifest as the comment read above.
  return seedDataset({
    databaseUrl, referrals, seed, variant,
    ...(options.progress ? { progress: options.progress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
