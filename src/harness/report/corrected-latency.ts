/**
 * Coordinated omission, shown: each open-model step's p50, p95 and p99 from the actual send (raw)
 * beside the same from the intended send (corrected), and the arrivals that left late or never
 * left. One wording for every format: the renderers lay out these cells.
 */
import type { RunResult } from '../result/run-result.schema.js';
import type { ArrivalKeeping, LatencySummary } from '../result/load-result.schema.js';
import { formatNumber } from './format.js';

/** One step's latencies from the actual and the intended send, and how its arrivals kept time. */
export interface CorrectedLatencyRow {
  readonly scenario: string;
  readonly step: string;
  readonly askedRate?: number;
  readonly achievedRate?: number;
  readonly raw: LatencySummary;
  readonly corrected: LatencySummary;
  /** Absent for a result from before it was kept, or a runner that does not keep it (k6). */
  readonly arrivals?: ArrivalKeeping;
}

/** Every step that recorded latency from the intended send, in run order. */
export function correctedLatencyRows(result: RunResult): CorrectedLatencyRow[] {
  return result.scenarios.flatMap((scenario) =>
    scenario.steps.flatMap((step) => {
      const load = step.load;
      if (load?.correctedLatency === undefined) return [];
      const { askedRate, achievedRate, arrivals } = load.generator;
      return [
        {
          scenario: scenario.name,
          step: step.label,
          raw: load.latency,
          corrected: load.correctedLatency,
          ...(askedRate === undefined ? {} : { askedRate }),
          ...(achievedRate === undefined ? {} : { achievedRate }),
          ...(arrivals === undefined ? {} : { arrivals }),
        },
      ];
    }),
  );
}

export const correctedLatencyTitle = 'Latency from the intended send (coordinated omission)';

/** The table's column heads, raw and corrected side by side for each percentile. */
export const correctedLatencyHeads = [
  'Step',
  'Rate, asked → achieved',
  'p50 raw',
  'p50 corrected',
  'p95 raw',
  'p95 corrected',
  'p99 raw',
  'p99 corrected',
  'Late sends',
  'Not sent',
] as const;

/** A row's cells, in the order of {@link correctedLatencyHeads}. */
export function correctedLatencyCells(row: CorrectedLatencyRow): string[] {
  const ms = (value: number) => `${formatNumber(value)} ms`;
  const rate =
    row.askedRate === undefined
      ? '-'
      : `${formatNumber(row.askedRate)} → ${row.achievedRate === undefined ? '?' : formatNumber(row.achievedRate)} req/s`;
  const { arrivals } = row;
  return [
    `${row.scenario} / ${row.step}`,
    rate,
    ms(row.raw.p50),
    ms(row.corrected.p50),
    ms(row.raw.p95),
    ms(row.corrected.p95),
    ms(row.raw.p99),
    ms(row.corrected.p99),
    arrivals === undefined ? '-' : `${count(arrivals.late)} of ${count(arrivals.sent)}`,
    arrivals === undefined
      ? '-'
      : `${count(arrivals.dropped)}${arrivals.cutByRequestBound > 0 ? ` + ${count(arrivals.cutByRequestBound)} cut by the request bound` : ''}`,
  ];
}

/** What the table's figures mean, under it. */
export function correctedLatencyNote(rows: readonly CorrectedLatencyRow[]): string {
  const tolerance = Math.max(0, ...rows.flatMap((row) => (row.arrivals ? [row.arrivals.lateToleranceMs] : [])));
  return (
    'Raw: from when the request actually left. Corrected: from when it was meant to leave, so a request held back by a stalled service ' +
    '(every slot taken) or a busy generator carries its wait; the gap between the two is the queueing raw figures hide. ' +
    `Late sends: left more than ${formatNumber(tolerance)} ms after their intended time (corrected that much above raw), of those sent in the measured window. ` +
    'Not sent: arrivals still waiting for a free slot when the step ended, and those the request bound kept from being scheduled; they are in no figure.'
  );
}

const count = (value: number): string => value.toLocaleString('en-US');
