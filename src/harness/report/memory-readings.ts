/**
 * The data-volume sizes' readings of "memory usage" side by side, for both reports: the spec does
 * not say which it means, so a reader sees every one beside the one its row judged.
 */
import { memoryCandidates } from '../measure/memory-candidates.js';
import type { RunResult } from '../result/run-result.schema.js';
import { perMegabyte } from '../targets/target-definition.js';
import { formatFigure } from './format.js';

export interface MemoryReadingColumn {
  readonly label: string;
  readonly meaning: string;
  /** Whether the size's memory row was judged on this reading. */
  readonly judged: boolean;
}

export interface MemoryReadingsTable {
  readonly columns: readonly MemoryReadingColumn[];
  /** One per data-volume step: its label, the spec's figure, then one cell per column ('-': not measured). */
  readonly rows: readonly { readonly size: string; readonly spec: string; readonly cells: readonly string[] }[];
  /** What the table rests on: the idle server's reading, and why a column may be empty. */
  readonly notes: readonly string[];
}

const megabytes = (bytes: number | undefined): string =>
  bytes === undefined ? '-' : formatFigure(bytes * perMegabyte, 'MB');

/** The table, or undefined when the run has no data-volume step. */
export function memoryReadings(result: RunResult): MemoryReadingsTable | undefined {
  const steps = result.scenarios.find((scenario) => scenario.name === 'data-volume')?.steps ?? [];
  if (steps.length === 0) return undefined;
  const rowOf = (step: string) =>
    result.targets.find((row) => row.scenario === 'data-volume' && row.step === step && row.id.endsWith('.memory'));
  const judgedStatistics = new Set(steps.map((step) => rowOf(step.label)?.statistic));
  const columns = memoryCandidates.map((candidate) => ({
    label: candidate.label,
    meaning: candidate.meaning,
    judged: judgedStatistics.has(`measurements.${candidate.measurement}`),
  }));
  const rows = steps.map((step) => ({
    size: step.label,
    spec: rowOf(step.label)?.specClaim ?? '-',
    cells: memoryCandidates.map((candidate) => megabytes(step.measurements[candidate.measurement])),
  }));
  const idle = steps.map((step) => step.measurements.postgresIdleBytes).find((bytes) => bytes !== undefined);
  const notes = [
    idle === undefined
      ? 'The idle server could not be read (its processes are not visible from here), so there is no growth over idle.'
      : `Idle PostgreSQL, read once right after the server started, before any dataset: ${megabytes(idle)}. MB are MiB.`,
    ...(steps.some((step) => step.measurements.datasetCachedBytes === undefined)
      ? [
          'Dataset in shared buffers: not measured where the pg_buffercache extension could not be installed on the server.',
        ]
      : []),
  ];
  return { columns, rows, notes };
}
