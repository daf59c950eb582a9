/** The seed manifest: what was seeded, how, its checksum and timings, as one small JSON document. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SchemaVariant } from '../src/service/index.js';
import type { ScalePlan, scaleRatios } from './scale.js';

/** Bumped whenever the generators change what a (N, seed) produces (rows or checksummed COPY bytes); part of template names. */
export const seedFormatVersion = 2;

/**
 * Where a seeding's time went. The phases overlap (rows load while they are generated, a table is
 * vacuumed as soon as its indexes are built, a view refreshed as soon as its tables are), so each
 * of load, index, vacuum/analyze and refresh is the time it added after the one before it ended;
 * with migrate, organizations, drop indexes and generate they add up to the total.
 */
export interface SeedTimings {
  readonly migrateMs: number;
  /** Organizations loaded, their trigger-made achievements read back and re-keyed. */
  readonly organizationsMs?: number;
  readonly dropIndexesMs: number;
  /** Generation before the load could start (the rest of it runs while rows load). */
  readonly generateMs: number;
  /** From the start of the load until the last row was generated: generation that ran while rows loaded. */
  readonly generateOverlapMs?: number;
  /** From the start of the load until the last row was in. */
  readonly loadMs: number;
  /** COPY time of each table (tables load side by side, so these overlap). */
  readonly loadMsByTable: Readonly<Record<string, number>>;
  /** From then until the last index was built. */
  readonly indexMs: number;
  /** From then until the last table was vacuumed and analyzed. */
  readonly vacuumAnalyzeMs: number;
  /** From then until the last derived table or view was refreshed. */
  readonly refreshMs: number;
  /** How long each table's VACUUM (ANALYZE) and each derived step took, overlapping other work. */
  readonly afterLoadMsByStep?: Readonly<Record<string, number>>;
  readonly totalMs: number;
  /** Set when the database was cloned from a template rather than seeded. */
  readonly cloneMs?: number;
}

export interface SeedManifest {
  readonly schemaVersion: 1;
  readonly seedFormatVersion: number;
  readonly referrals: number;
  readonly seed: number;
  readonly variant: SchemaVariant;
  /** The dataset's fixed "now" (ISO 8601). */
  readonly referenceNow: string;
  readonly ratios: typeof scaleRatios;
  readonly plan: ScalePlan;
  readonly rowCounts: Readonly<Record<string, number>>;
  /** sha256 over the rows written; the same for the same (N, seed) on either variant. */
  readonly checksum: string;
  readonly tableChecksums: Readonly<Record<string, string>>;
  readonly timings: SeedTimings;
  /** Rows loaded (all tables) per second of the whole run. */
  readonly rowsPerSecond: number;
  /** `generated` by this run, or cloned from a `template` database. */
  readonly source: 'generated' | 'template';
  readonly template?: string;
}

/** Writes the manifest as pretty JSON, creating the folder. */
export async function writeManifest(path: string, manifest: SeedManifest): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
}
