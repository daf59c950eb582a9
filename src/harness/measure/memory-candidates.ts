/**
 * The spec's data-volume "Memory Usage" never says what it measures, so each data-volume step
 * carries every reasonable reading of it, side by side, as step measurements in bytes. One of
 * them is judged (see src/harness/targets/spec/data-volume.targets.ts and docs/memory-usage.md);
 * the reports show them all.
 */

/** One reading of "memory usage": the step measurement that holds it, and what it is. */
export interface MemoryCandidate {
  readonly measurement: string;
  readonly label: string;
  readonly meaning: string;
}

export const memoryCandidates: readonly MemoryCandidate[] = Object.freeze([
  {
    measurement: 'postgresMemoryBytes',
    label: 'PostgreSQL PSS',
    meaning:
      'peak proportional set size of the postmaster and all its children under the load, fixed overhead and shared buffers included',
  },
  {
    measurement: 'postgresGrowthBytes',
    label: 'PostgreSQL growth over idle',
    meaning: 'that peak less the PSS of the same server idle, measured once right after it started, before any dataset',
  },
  {
    measurement: 'datasetBytes',
    label: 'Tables + indexes',
    meaning:
      'on-disk size of the dataset: every table and materialized view with its TOAST, free-space and visibility maps, and its indexes',
  },
  {
    measurement: 'datasetCachedBytes',
    label: 'Dataset in shared buffers',
    meaning: "pages of those tables and indexes in PostgreSQL's shared buffers after the load (pg_buffercache)",
  },
  {
    measurement: 'serviceRssBytes',
    label: 'Service RSS',
    meaning: "peak resident set size of the service's processes under the load",
  },
]);

/** What a data-volume step measured, for its memory readings. */
export interface MemoryReadings {
  /** Peaks under the step's load: PostgreSQL's PSS (and RSS), the service's RSS; 0 where unmeasured. */
  readonly peaks: Readonly<Record<string, number>>;
  /** PostgreSQL's PSS right after the server started, if it could be read. */
  readonly idlePostgresBytes?: number;
  readonly tableBytes: number;
  readonly indexBytes: number;
  /** The dataset's pages in shared buffers, if pg_buffercache could count them. */
  readonly cachedBytes?: number;
}

/**
 * The candidates as step measurements. A figure the machine could not read is left out rather
 * than written as 0 (a provider whose PostgreSQL runs elsewhere shows no processes), so a row
 * judged on it is 'not-measured' instead of passing on nothing.
 */
export function memoryCandidateMeasurements(readings: MemoryReadings): Record<string, number> {
  const pss = readings.peaks.postgresMemoryBytes ?? 0;
  const idle = readings.idlePostgresBytes ?? 0;
  const service = readings.peaks.serviceRssBytes ?? 0;
  return {
    ...(pss > 0 && { postgresMemoryBytes: pss }),
    ...(pss > 0 && idle > 0 && { postgresIdleBytes: idle, postgresGrowthBytes: pss - idle }),
    datasetBytes: readings.tableBytes + readings.indexBytes,
    ...(readings.cachedBytes !== undefined && { datasetCachedBytes: readings.cachedBytes }),
    ...(service > 0 && { serviceRssBytes: service }),
  };
}
