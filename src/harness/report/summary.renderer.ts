/**
 * summary.md: fits a pull-request comment. Verdict first, then what could change the figures,
 * each spec table and the project's goals, then the open model's corrected latency.
 */
import type { RunResult } from '../result/run-result.schema.js';
import type { TargetEvaluation } from '../result/target-evaluation.schema.js';
import { conditionsLine, conditionsTitle } from './run-conditions.js';
import { formatBound, formatMeasured, methodWords, runHeadline, verdictIcons, verdictWords } from './format.js';
import { specTableTitles } from '../targets/spec-targets.js';
import { faultLines, memoryTrendLines } from './reliability-lines.js';
import { memoryReadings } from './memory-readings.js';
import { microColumns, microTable } from './micro-table.js';
import {
  correctedLatencyCells,
  correctedLatencyHeads,
  correctedLatencyNote,
  correctedLatencyRows,
  correctedLatencyTitle,
} from './corrected-latency.js';
import {
  countsLine,
  goalsLead,
  invariantsLine,
  runLine,
  skippedLines,
  tablesOf,
  trustProblems,
  undecidedLine,
  writesLines,
  capacityLines,
  cacheLines,
} from './run-overview.js';
import { cell, evidencePointer, serverFolds } from './summary-server-folds.js';
import { volumeRoutes, volumeRoutesLead } from './volume-routes.js';

const runIcons: Readonly<Record<RunResult['verdict'], string>> = {
  pass: '✅',
  warn: '⚠️',
  inconclusive: '❔',
  fail: '❌',
  error: '🛑',
  interrupted: '⏹️',
};

export function renderSummary(result: RunResult): string {
  const missed = result.targets.filter((row) => row.verdict === 'fail');
  const undecided = result.targets.filter((row) => row.verdict === 'inconclusive');
  const lines = [
    `## ${runIcons[result.verdict]} ${runHeadline(result)}`,
    '',
    `**${countsLine(result)}**`,
    '',
    `referral-bench ${runLine(result)}.`,
    '',
    ...trustProblems(result).flatMap((problem) => [`> **${cell(problem)}**`, '']),
    ...skippedLines(result).flatMap((line) => [`> ${cell(line)}`, '']),
    `${conditionsTitle}: ${conditionsLine(result)}.`,
    '',
    invariantsLine(result),
    '',
    ...capacityLines(result).flatMap((line) => [`**${line}**`, '']),
    ...(faultLines(result).length > 0
      ? ['Faults under load:', ...faultLines(result).map((line) => `- ${line}`), '']
      : []),
    ...memoryTrendLines(result).flatMap((line) => [line, '']),
    ...(writesLines(result).length > 0
      ? [
          'Writes under load, checked against the database after each step:',
          ...writesLines(result).map((line) => `- ${line}`),
          '',
        ]
      : []),
    ...cacheLines(result).flatMap((line) => [line, '']),
    ...(missed.length > 0
      ? [
          'Missed:',
          ...missed.map(
            (row) =>
              `- ${specTableTitles[row.table]}, ${row.label}: ${formatMeasured(row)} against ${formatBound(row)}${row.reason ? ` (${row.reason})` : ''}${evidencePointer(result, row, true)}`,
          ),
          '',
        ]
      : []),
    ...(undecided.length > 0
      ? [
          'Inconclusive (the 95% interval contains the target):',
          ...undecided.map((row) => `- ${undecidedLine(row)}${evidencePointer(result, row, true)}`),
          '',
        ]
      : []),
    'Measured figures are estimates with their 95% interval in brackets, from the repetitions of each step.',
    '',
    ...tablesOf(result.targets).flatMap((table) => [
      `### ${table.title}`,
      '',
      ...(table.id === 'goals'
        ? [
            goalsLead,
            '',
            '| Goal | Limit | Measured [95% interval] | Verdict |',
            '|---|---|---|---|',
            ...table.rows.map((row) => goalRow(row, evidencePointer(result, row))),
          ]
        : [
            "| Target | Spec's target | Spec's claim | Measured [95% interval] | Verdict |",
            '|---|---|---|---|---|',
            ...table.rows.map((row) => tableRow(row, evidencePointer(result, row))),
          ]),
      '',
      ...(table.id === 'volume' ? [...memoryReadingLines(result), ...volumeRouteLines(result)] : []),
    ]),
    ...correctedLatencyTable(result),
    ...microLines(result),
    ...serverFolds(result),
    '<details><summary>How the figures were estimated</summary>',
    '',
    ...methodsUsed(result).map((method) => `- ${methodWords[method]}`),
    '',
    '</details>',
    '',
  ];
  return lines.join('\n');
}

/** The data-volume sizes route by route: each read route's p95 per size and its growth. */
function volumeRouteLines(result: RunResult): string[] {
  const table = volumeRoutes(result);
  if (table === undefined) return [];
  return [
    volumeRoutesLead,
    '',
    `| Route | ${table.sizes.map((size) => cell(size.label)).join(' | ')} | Growth |`,
    `|---|${table.sizes.map(() => '---|').join('')}---|`,
    ...table.rows.map((row) => `| ${cell(row.route)} | ${row.cells.map(cell).join(' | ')} | ${row.growth} |`),
    `| *schools* | ${table.sizes.map((size) => cell(size.schools)).join(' | ')} | |`,
    '',
  ];
}

/** The data-volume memory readings side by side, the judged one marked, each explained below. */
function memoryReadingLines(result: RunResult): string[] {
  const table = memoryReadings(result);
  if (table === undefined) return [];
  const heads = table.columns.map((column) => (column.judged ? `**${column.label} (judged)**` : column.label));
  return [
    'The spec does not say what its memory usage is; every reading of it, per size (the row is judged on the marked one, argued in docs/memory-usage.md):',
    '',
    `| Size | Spec's figure | ${heads.map(cell).join(' | ')} |`,
    `|---|---|${table.columns.map(() => '---|').join('')}`,
    ...table.rows.map((row) => `| ${cell(row.size)} | ${cell(row.spec)} | ${row.cells.map(cell).join(' | ')} |`),
    '',
    ...table.notes.flatMap((note) => [note, '']),
    '<details><summary>What each reading is</summary>',
    '',
    ...table.columns.map((column) => `- ${column.label}: ${column.meaning}.`),
    '',
    '</details>',
    '',
  ];
}

function correctedLatencyTable(result: RunResult): string[] {
  const rows = correctedLatencyRows(result);
  if (rows.length === 0) return [];
  return [
    `### ${correctedLatencyTitle}`,
    '',
    `| ${correctedLatencyHeads.join(' | ')} |`,
    `|${correctedLatencyHeads.map((_, index) => (index < 2 ? '---' : '---:')).join('|')}|`,
    ...rows.map((row) => `| ${correctedLatencyCells(row).map(cell).join(' | ')} |`),
    '',
    correctedLatencyNote(rows),
    '',
  ];
}

function microLines(result: RunResult): string[] {
  const table = microTable(result);
  if (table === undefined) return [];
  return [
    '### Micro-benchmarks',
    '',
    ...table.lines.flatMap((line) => [cell(line), '']),
    ...(table.rows.length === 0
      ? []
      : [
          `| ${microColumns.join(' | ')} |`,
          '|---|---:|---:|---:|---:|',
          ...table.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
          '',
        ]),
  ];
}

function methodsUsed(result: RunResult): NonNullable<TargetEvaluation['method']>[] {
  return [...new Set(result.targets.flatMap((row) => (row.method ? [row.method] : [])))];
}

function tableRow(row: TargetEvaluation, pointer: string): string {
  return `| ${cell(row.label)} | ${cell(row.specTarget)} | ${cell(row.specClaim)} | ${cell(formatMeasured(row))} | ${cell(verdictCell(row, pointer))} |`;
}

function goalRow(row: TargetEvaluation, pointer: string): string {
  return `| ${cell(row.label)} | ${cell(formatBound(row))} | ${cell(formatMeasured(row))} | ${cell(verdictCell(row, pointer))} |`;
}

function verdictCell(row: TargetEvaluation, pointer: string): string {
  return `${verdictIcons[row.verdict]} ${verdictWords[row.verdict]}${row.reason ? `: ${row.reason}` : ''}${pointer}`;
}
