/** The seed manifest: what was seeded, how, its checksum and timings, as one small JSON document. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SchemaVariant } from '../src/service/index.js';
import type { ScalePlan, scaleRatios } from './scale.js';

/** Bumped whenever the generators change what a (N, seed) produces (rows or checksummed COPY bytes); part of template names. */
export const seedFormatVersion = 2;

export interface SeedTimings {
  readonly migrateMs: number;
  readonly generateMs: number;
  readonly dropIndexesMs: number;
  readonly loadMs: number;
  /** COPY time of each table (tables load side by side, so these overlap). */
  readonly loadMsByTable: Readonly<Record<string, number>>;
  readonly indexMs: number;
  readonly vacuumAnalyzeMs: number;
  readonly refreshMs: number;
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
