/** summary-compare.md: two runs side by side, for a pull request or a notebook. The caveat first, then the conditions that differ, then every table. */
import type { RunComparison } from './compare-runs.js';
import {
  comparedCells,
  comparedHeads,
  comparedTables,
  comparisonTitle,
  differencesLead,
  differenceText,
  gateLead,
  notAnAbTest,
  runText,
} from './compare-wording.js';

export function renderComparisonMarkdown(comparison: RunComparison): string {
  return [
    `## ${comparisonTitle}`,
    '',
    `> ${notAnAbTest}`,
    '',
    `- ${runText('A', comparison.a)}`,
    `- ${runText('B', comparison.b)}`,
    '',
    differencesLead(comparison),
    ...(comparison.differences.length > 0
      ? ['', ...comparison.differences.map((difference) => `- ${differenceText(difference)}`)]
      : []),
    '',
    gateLead(comparison),
    '',
    ...comparedTables(comparison.rows).flatMap((table) => [
      `### ${table.title}`,
      '',
      `| ${comparedHeads.join(' | ')} |`,
      `|${comparedHeads.map(() => '---').join('|')}|`,
      ...table.rows.map((row) => `| ${comparedCells(row).map(cell).join(' | ')} |`),
      '',
    ]),
  ].join('\n');
}

/** Keeps a value inside one Markdown table cell. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
