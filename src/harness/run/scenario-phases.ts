/**
 * A scenario's phases and what they produce, returned with its result: the manifest of each dataset
 * it opened (returned with the database by RunResources.database), the report of each check of the
 * acknowledged writes after a step, and the report of each database's invariant check, an explicit
 * step before its teardown. Teardown (RunDatabase.drop) only tears down; the run merges what every
 * scenario returned (run-benchmark.ts).
 */
import type { SchemaVariant } from '../../service/index.js';
import type { SeedManifest } from '../../../seed/manifest.js';
import type { InvariantReport } from '../result/invariant-report.schema.js';
import type { ScenarioResult } from '../result/run-result.schema.js';
import type { RunDatabase, RunResources } from './run-resources.js';

/** What a scenario produced beside its result. */
export interface ScenarioProducts {
  /** The datasets it opened, in order. */
  readonly datasets: readonly SeedManifest[];
  /** Its checks' reports, in the order they were taken. */
  readonly invariants: readonly InvariantReport[];
}

export interface ScenarioOutcome extends ScenarioProducts {
  readonly result: ScenarioResult;
}

/** A scenario that failed, with what its phases had produced by then (its databases checked and dropped). */
export class ScenarioFailed extends Error {
  readonly products: ScenarioProducts;

  constructor(cause: unknown, products: ScenarioProducts) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'ScenarioFailed';
    this.products = products;
  }
}

/** The databases of one scenario's phases. */
export interface ScenarioDatabases {
  /** A fresh dataset clone (RunResources.database); its manifest is among what the scenario produced. */
  open(referrals: number, variant: SchemaVariant): Promise<RunDatabase>;
  /** Ends a database's use: its invariants checked (the report kept), then its teardown. */
  close(database: RunDatabase): Promise<void>;
  /** The report of a check taken along the way: the acknowledged writes after a step. */
  checked(report: InvariantReport): void;
}

/**
 * Runs a scenario's phases on the databases they open; every database they leave open is closed
 * (checked, then torn down) after them, in the order opened. Returns the result with what the
 * phases produced; when they throw, ScenarioFailed carries the failure and the products.
 */
export async function runScenarioPhases(
  resources: RunResources,
  phases: (databases: ScenarioDatabases) => Promise<ScenarioResult>,
): Promise<ScenarioOutcome> {
  const datasets: SeedManifest[] = [];
  const invariants: InvariantReport[] = [];
  const opened: RunDatabase[] = [];
  const databases: ScenarioDatabases = {
    async open(referrals, variant) {
      const database = await resources.database(referrals, variant);
      datasets.push(database.manifest);
      opened.push(database);
      return database;
    },
    async close(database) {
      const at = opened.indexOf(database);
      if (at < 0) return;
      opened.splice(at, 1);
      try {
        invariants.push(await database.checkInvariants());
      } finally {
        await database.drop();
      }
    },
    checked(report) {
      invariants.push(report);
    },
  };
  const closeAll = async (): Promise<void> => {
    for (const database of [...opened]) await databases.close(database);
  };
  let result: ScenarioResult;
  try {
    result = await phases(databases);
  } catch (error: unknown) {
    await closeAll();
    throw new ScenarioFailed(error, { datasets, invariants });
  }
  await closeAll();
  return { result, datasets, invariants };
}

/** Every report merged into one: each check named once, every violation kept; undefined when none was taken. */
export function mergeInvariantReports(reports: readonly InvariantReport[]): InvariantReport | undefined {
  if (reports.length === 0) return undefined;
  const violations = reports.flatMap((report) => report.violations);
  const checked = [...new Set(reports.flatMap((report) => report.checked))];
  return { state: violations.length === 0 ? 'passed' : 'failed', checked, violations };
}

/** The datasets of every scenario, each (size, variant) once, in the order first opened. */
export function distinctDatasets(manifests: readonly SeedManifest[]): SeedManifest[] {
  return manifests.filter(
    (manifest, index) =>
      manifests.findIndex((other) => other.referrals === manifest.referrals && other.variant === manifest.variant) ===
      index,
  );
}
