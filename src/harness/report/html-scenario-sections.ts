/**
 * index.html's part per scenario: its server side (the statements that took the database's time,
 * the pool, caches and memory, with charts over time) and each load step's generator health.
 * These are the places a missed or undecided row links to.
 */
import type { RunResult, ScenarioResult, ServerSample, StepResult } from '../result/run-result.schema.js';
import type { ChartSpec } from './html-charts.js';
import { chartGrid, escapeHtml as esc } from './html-embed.js';
import { formatNumber } from './format.js';
import { generatorAnchor, serverAnchor } from './report-anchors.js';
import { serverCharts } from './server-charts.js';
import { serverFacts, statementFigures, stepStatementFigures } from './server-figures.js';

/** The sections' HTML, and the charts in it (in page order) for the page script to draw. */
export function scenarioSections(result: RunResult): { html: string; charts: ChartSpec[] } {
  const shown = result.scenarios.filter(
    (scenario) => scenario.server !== undefined || scenario.steps.some((step) => step.load),
  );
  const parts = shown.map((scenario) => {
    const charts = serverCharts(scenario);
    return {
      charts,
      html: `<h3>${esc(scenario.name)}</h3>\n${scenario.server ? serverPart(scenario.name, scenario.server, charts) : ''}${generatorTable(scenario)}`,
    };
  });
  if (parts.length === 0) return { html: '', charts: [] };
  return {
    html: `<h2>Per scenario: the server side and the load generator</h2>
<p class="lead">What the database and the service did during each scenario, and whether the load generator kept up. A missed or undecided row above links here.</p>
${parts.map((part) => part.html).join('\n')}`,
    charts: parts.flatMap((part) => part.charts),
  };
}

function serverPart(scenario: string, server: ServerSample, charts: readonly ChartSpec[]): string {
  const statements = statementFigures(server);
  const statementRows = statements
    .map(
      (statement) =>
        `<tr><td class="query"><code>${esc(statement.query)}</code></td><td class="num">${statement.calls}</td>` +
        `<td class="num">${esc(formatNumber(statement.meanMs))} ms</td><td class="num">${esc(formatNumber(statement.totalMs))} ms</td>` +
        `<td class="num">${statement.share === undefined ? '-' : `${esc(formatNumber(statement.share * 100))}%`}</td></tr>`,
    )
    .join('');
  const table =
    statements.length === 0
      ? '<p class="lead">No statement was recorded (pg_stat_statements is not loaded on this server).</p>'
      : `<table class="statements"><colgroup><col><col style="width:9%"><col style="width:10%"><col style="width:11%"><col style="width:12%"></colgroup>` +
        `<tr><th>Statement (top by total time)</th><th>Calls</th><th>Mean</th><th>Total</th><th>Share of statement time</th></tr>${statementRows}</table>`;
  return `<div id="${esc(serverAnchor(scenario))}">
<h4>Server side</h4>
<table class="facts">${serverFacts(server)
    .map(([label, value]) => `<tr><th>${esc(label)}</th><td>${esc(value)}</td></tr>`)
    .join('')}</table>
${table}
${charts.length === 0 ? '' : chartGrid(charts)}
</div>\n`;
}

function generatorTable(scenario: ScenarioResult): string {
  const rows = scenario.steps.flatMap((step) => {
    const load = step.load;
    if (load === undefined) return [];
    const health = load.generator;
    const rate =
      health.askedRate === undefined
        ? '-'
        : `${formatNumber(health.askedRate)} → ${formatNumber(health.achievedRate ?? 0)} req/s`;
    return [
      `<tr id="${esc(generatorAnchor(scenario.name, step.label))}"${health.bottleneck ? ' class="fail"' : ''}><td>${esc(step.label)}</td>` +
        `<td class="num">${load.requests.total}</td><td class="num">${esc(formatNumber(load.latency.p95))} ms</td><td class="num">${esc(formatNumber(load.requests.errorRate * 100))}%</td>` +
        `<td class="num">${esc(formatNumber(health.cpuPercentMean))}% / ${esc(formatNumber(health.cpuPercentMax))}%</td><td class="num">${esc(formatNumber(health.eventLoopDelayP99Ms))} ms</td>` +
        `<td class="num">${esc(rate)}</td><td>${health.bottleneck ? `yes: ${esc(health.reasons.join('; '))}` : 'no'}</td>${topStatementCell(step)}</tr>`,
    ];
  });
  if (rows.length === 0) return '';
  return `<h4>Step by step: the load generator, and the statement that took the step's time</h4>
<table class="generator"><tr><th>Step</th><th>Requests</th><th>p95</th><th>Errors</th><th>Generator CPU mean / max</th><th>Event-loop delay p99</th><th>Rate asked → achieved</th><th>Generator the bottleneck?</th><th>Top statement (share of the step's statement time)</th></tr>${rows.join('')}</table>\n`;
}

/** The step's top statement and its share, or a dash where the step kept no statements. */
function topStatementCell(step: StepResult): string {
  const top = stepStatementFigures(step)[0];
  if (top === undefined || !step.statements) return '<td>-</td>';
  const share = top.share === undefined ? '' : `${esc(formatNumber(top.share * 100))}% of `;
  return `<td class="query"><code>${esc(top.query)}</code><br>${share}${esc(formatNumber(step.statements.totalMs))} ms; ${top.calls} calls, ${esc(formatNumber(top.meanMs))} ms mean</td>`;
}
