/** summary.md's server side: one folded table per scenario, and each missed row's pointer to its evidence. */
import type { RunResult, ScenarioResult } from '../result/run-result.schema.js';
import type { TargetEvaluation } from '../result/target-evaluation.schema.js';
import { formatNumber } from './format.js';
import { explainedVerdicts, hasEvidence, rowEvidence, serverClue, stepClue } from './row-evidence.js';
import { poolWords, sampledScenarios, serverFacts, statementFigures, stepStatementFigures } from './server-figures.js';

/** Keeps a value inside one Markdown table cell. */
export function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/**
 * ' (see: …)' after a failed or inconclusive row that has evidence, '' otherwise: the scenario's
 * fold below, the generator of each step, the plans in index.html; with `clues`, what each shows.
 */
export function evidencePointer(result: RunResult, row: TargetEvaluation, clues = false): string {
  if (!explainedVerdicts.has(row.verdict)) return '';
  const evidence = rowEvidence(result, row);
  if (!hasEvidence(evidence)) return '';
  const clue = (text: string) => (clues ? ` (${text})` : '');
  return ` (see: ${[
    ...(evidence.server ? [`"Server side: ${evidence.scenario}" below${clue(serverClue(evidence.server))}`] : []),
    ...evidence.generators.map((step) => `step ${step.step} in index.html${clue(stepClue(step))}`),
    ...evidence.plans.map((step) => `query plans of ${step} in index.html`),
  ].join('; ')})`;
}

/** A `<details>` block per scenario with a server sample: its facts, then its top statements. */
export function serverFolds(result: RunResult): string[] {
  return sampledScenarios(result.scenarios).flatMap(({ scenario, server }) => {
    const statements = statementFigures(server);
    return [
      `<details><summary>Server side: ${scenario.name} (pool ${poolWords(server)}, buffer hits ${formatNumber(server.bufferHitRatio * 100)}%)</summary>`,
      '',
      '| | |',
      '|---|---|',
      ...serverFacts(server).map(([label, value]) => `| ${cell(label)} | ${cell(value)} |`),
      '',
      ...(statements.length === 0
        ? ['No statement was recorded (pg_stat_statements is not loaded on this server).']
        : [
            '| Statement (top by total time) | Calls | Mean | Total | Share |',
            '|---|---|---|---|---|',
            ...statements.map(
              (statement) =>
                `| \`${cell(statement.query.replaceAll('`', "'"))}\` | ${statement.calls} | ${formatNumber(statement.meanMs)} ms | ${formatNumber(statement.totalMs)} ms | ${statement.share === undefined ? '-' : `${formatNumber(statement.share * 100)}%`} |`,
            ),
          ]),
      '',
      ...stepStatementsTable(scenario),
      '</details>',
      '',
    ];
  });
}

/** Each step's top statement, as a table under the scenario's (none where no step kept its statements). */
function stepStatementsTable(scenario: ScenarioResult): string[] {
  const rows = scenario.steps.flatMap((step) => {
    const top = stepStatementFigures(step)[0];
    if (top === undefined || !step.statements) return [];
    return [
      `| ${cell(step.label)} | ${formatNumber(step.statements.totalMs)} ms | \`${cell(top.query.replaceAll('`', "'"))}\` | ${top.calls} | ${formatNumber(top.meanMs)} ms | ${top.share === undefined ? '-' : `${formatNumber(top.share * 100)}%`} |`,
    ];
  });
  if (rows.length === 0) return [];
  return [
    '| Step | Statement time | Its top statement | Calls | Mean | Share |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ];
}
