/** summary.md: fits a pull-request comment. Verdict first, then each spec table, then the environment. */
import type { RunResult } from '../result/run-result.schema.js';
import type { TargetEvaluation } from '../result/target-evaluation.schema.js';
import { environmentFacts } from './environment-facts.js';
import { formatBound, formatMeasured, methodWords, runVerdictHeadlines, verdictIcons, verdictWords } from './format.js';
import { specTableTitles } from '../targets/spec-targets.js';
import { faultLines, memoryTrendLines } from './reliability-lines.js';
import { countsLine, invariantsLine, runLine, tablesOf, trustProblems, undecidedLine, writesLines, capacityLines, cacheLines } from './run-overview.js';
import { cell, evidencePointer, serverFolds } from './summary-server-folds.js';

const runIcons: Readonly<Record<RunResult['verdict'], string>> = { pass: '✅', warn: '⚠️', inconclusive: '❔', fail: '❌', error: '🛑', interrupted: '⏹️' };

export function renderSummary(result: RunResult): string {
  const missed = result.targets.filter((row) => row.verdict === 'fail');
  const undecided = result.targets.filter((row) => row.verdict === 'inconclusive');
  const lines = [
    `## ${runIcons[result.verdict]} ${runVerdictHeadlines[result.verdict]}`,
    '',
    `**${countsLine(result)}**`,
    '',
    `referral-bench ${runLine(result)}.`,
    '',
    ...trustProblems(result).flatMap((problem) => [`> **${cell(problem)}**`, '']),
    invariantsLine(result),
    '',
    ...capacityLines(result).flatMap((line) => [`**${line}**`, '']),
    ...(faultLines(result).length > 0 ? ['Faults under load:', ...faultLines(result).map((line) => `- ${line}`), ''] : []),
    ...memoryTrendLines(result).flatMap((line) => [line, '']),
    ...(writesLines(result).length > 0 ? ['Writes under load, checked against the database after each step:', ...writesLines(result).map((line) => `- ${line}`), ''] : []),
    ...cacheLines(result).flatMap((line) => [line, '']),
    ...(missed.length > 0 ? ['Missed:', ...missed.map((row) => `- ${specTableTitles[row.table]}, ${row.label}: ${formatMeasured(row)} against ${formatBound(row)}${row.reason ? ` (${row.reason})` : ''}${evidencePointer(result, row, true)}`), ''] : []),
    ...(undecided.length > 0 ? ['Inconclusive (the 95% interval contains the target):', ...undecided.map((row) => `- ${undecidedLine(row)}${evidencePointer(result, row, true)}`), ''] : []),
    'Measured figures are estimates with their 95% interval in brackets, from the repetitions of each step.',
    '',
    ...tablesOf(result.targets).flatMap((table) => [
      `### ${table.title}`,
      '',
      '| Target | Spec\'s target | Spec\'s claim | Measured [95% interval] | Verdict |',
      '|---|---|---|---|---|',
      ...table.rows.map((row) => tableRow(row, evidencePointer(result, row))),
      '',
    ]),
    ...serverFolds(result),
    '<details><summary>How the figures were estimated</summary>',
    '',
    ...methodsUsed(result).map((method) => `- ${methodWords[method]}`),
    '',
    '</details>',
    '',
    '<details><summary>Environment</summary>',
    '',
    '| | |',
    '|---|---|',
    ...environmentFacts(result).map(([label, value]) => `| ${cell(label)} | ${cell(value)} |`),
    '',
    '</details>',
    '',
  ];
  return lines.join('\n');
}

function methodsUsed(result: RunResult): NonNullable<TargetEvaluation['method']>[] {
  return [...new Set(result.targets.flatMap((row) => (row.method ? [row.method] : [])))];
}

function tableRow(row: TargetEvaluation, pointer: string): string {
  const verdict = `${verdictIcons[row.verdict]} ${verdictWords[row.verdict]}${row.reason ? `: ${row.reason}` : ''}${pointer}`;
  return `| ${cell(row.label)} | ${cell(row.specTarget)} | ${cell(row.specClaim)} | ${cell(formatMeasured(row))} | ${cell(verdict)} |`;
}
