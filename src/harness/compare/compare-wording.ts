/** The words and cells of a two-run comparison, one wording for summary-compare.md and compare.html. */
import { specTableIds, type SpecTableId } from '../result/target-evaluation.schema.js';
import { specTableTitles } from '../targets/spec-targets.js';
import { formatMeasured, formatNumber, verdictIcons, verdictWords } from '../report/format.js';
import type { ComparedRow, ComparedRun, RunComparison } from './compare-runs.js';

export const comparisonTitle = 'Two runs side by side';

/** Said first, whatever the figures: what a comparison of two stored runs can and cannot tell. */
export const notAnAbTest =
  'Descriptive, not a verdict: two runs of different hours are no A/B test. Drift between them (the machine, ' +
  'its neighbours, caches, the time of day) is not cancelled, so a change below describes the two runs and proves nothing about the code. ' +
  'To decide whether a change made the service slower, run `referral-bench gate --base <ref> --head <ref>`, which measures both revisions in interleaved pairs.';

/** 'A: run <id>, profile quick, started <time>, verdict fail, 6 repetitions a step'. */
export function runText(side: 'A' | 'B', run: ComparedRun): string {
  return `${side}: run ${run.runId}, profile ${run.profile}, started ${run.startedAt}, verdict ${run.verdict}, ${run.repetitions} repetitions a step`;
}

/** Whether the conditions differ, in one sentence; the differences themselves follow it. */
export function differencesLead(comparison: RunComparison): string {
  const count = comparison.differences.length;
  return count === 0
    ? "The two runs' recorded conditions are the same."
    : `The two runs' conditions differ in ${count} ${count === 1 ? 'field' : 'fields'}, any of which could move the figures:`;
}

/** 'CPU: 2 x X (A) against 4 x Y (B)'. */
export function differenceText(difference: RunComparison['differences'][number]): string {
  return `${difference.label}: ${difference.a} (A) against ${difference.b} (B)`;
}

/** How the gate's column was computed, or that no figure had repetitions on both sides. */
export function gateLead(comparison: RunComparison): string {
  const { gate } = comparison;
  if (gate === undefined)
    return "No figure carries repetitions in both runs, so the gate's statistics could not be applied: the changes are the estimates' ratio only.";
  return (
    `Where both runs carry a figure's repetitions, the gate column is the offline gate's (the same code as \`referral-bench gate <A> <B>\`): ` +
    `the change of B against A from Welch t tests of the repetitions' logs, positive when B is worse, with its 95% interval; ` +
    `regression or no regression against a ${gate.marginPct}% margin, Holm-corrected over the ${gate.figures} figures at alpha ${gate.alpha}. ` +
    `Over all of them the gate would say: ${gate.verdict}. The runs were not interleaved, so even these statistics carry the drift between their hours.`
  );
}

export const comparedHeads = [
  'Figure',
  'A [95% interval]',
  'B [95% interval]',
  'Change, B against A',
  'Gate on the repetitions (+ is worse) [95% interval]',
  'Verdicts, A → B',
] as const;

/** A row's cells, in the order of {@link comparedHeads}. */
export function comparedCells(row: ComparedRow): string[] {
  const label = (row.b ?? row.a)?.label ?? row.id;
  const figure = (side: ComparedRow['a']) => (side === undefined ? 'absent' : formatMeasured(side));
  const verdict = (side: ComparedRow['a']) =>
    side === undefined ? 'absent' : `${verdictIcons[side.verdict]} ${verdictWords[side.verdict]}`;
  return [label, figure(row.a), figure(row.b), changeText(row), gateText(row), `${verdict(row.a)} → ${verdict(row.b)}`];
}

function changeText(row: ComparedRow): string {
  if (row.change === undefined) return '-';
  return row.change.unit === 'pts' ? `${signed(row.change.value)} pts` : `${signed(row.change.value)}%`;
}

function gateText(row: ComparedRow): string {
  const gate = row.gate;
  if (gate === undefined || !Number.isFinite(gate.changePct)) return '-';
  const interval =
    gate.lowerPct === undefined || gate.upperPct === undefined
      ? ''
      : ` [${signed(gate.lowerPct)}% to ${signed(gate.upperPct)}%]`;
  return `${signed(gate.changePct)}%${interval}, ${gate.verdict}`;
}

const signed = (value: number): string => `${value > 0 ? '+' : ''}${formatNumber(value)}`;

/** The rows grouped by table, in the reports' order; tables without rows left out. */
export function comparedTables(
  rows: readonly ComparedRow[],
): { id: SpecTableId; title: string; rows: ComparedRow[] }[] {
  return specTableIds
    .map((id) => ({ id, title: specTableTitles[id], rows: rows.filter((row) => (row.b ?? row.a)?.table === id) }))
    .filter((table) => table.rows.length > 0);
}
