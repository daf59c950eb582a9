/**
 * docs/targets.md, written from the target data (the one source of every pass/fail number): each
 * of the spec's tables and the project's own goals, row by row, with the bound a run is held to
 * and where it is measured. Regenerate: `npx tsx scripts/write-targets-doc.ts`.
 */
import { judgedTargets } from '../targets/judged-targets.js';
import { endpointGoalTargets } from '../targets/goals/endpoint-latency.goals.targets.js';
import { specTableTitles } from '../targets/spec-targets.js';
import type { Measure, TargetDefinition } from '../targets/target-definition.js';
import { formatFigure } from './format.js';

export const targetsDocPath = 'docs/targets.md';

function where(measure: Measure): string {
  switch (measure.kind) {
    case 'step':
      return `${measure.scenario} / ${measure.step}: \`${measure.statistic}\``;
    case 'change':
      return `${measure.scenario} / ${measure.before} → ${measure.after}: change of \`${measure.statistic}\``;
    case 'reduction':
      return `${measure.scenario} / ${measure.step}: ${measure.baseline} → ${measure.optimized}`;
    case 'server':
      return `${measure.scenario}, server side: \`${measure.statistic}\``;
  }
}

function bound(target: TargetDefinition): string {
  const limit = `${target.comparison} ${formatFigure(target.target, target.unit)}`;
  return target.warning === undefined ? limit : `${limit} (warning past ${formatFigure(target.warning, target.unit)})`;
}

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

const row = (target: TargetDefinition, measuredAt: string): string =>
  `| ${cell(target.label)} | ${cell(target.specTarget)} | ${cell(target.specClaim)} | ${cell(bound(target))} | ${cell(measuredAt)} | ${target.kind === 'project-goal' ? 'project goal' : 'spec'} |`;

const header = ["| Row | Spec's target | Spec's claim | Held to | Measured at | Kind |", '|---|---|---|---|---|---|'];

/** The goals a bench judges, not a run: one request at a time, where no scenario measures. */
function benchGoalsSection(): string[] {
  return [
    '## Project goals judged by the endpoint bench (not by a run)',
    '',
    'Measured by `npx tsx bench/service-endpoints.ts --referrals 1m`, one request at a time; a run',
    "leaves them out. Each is a twentieth of the figure the spec says it achieved (the spec's row in",
    'brackets).',
    '',
    ...header,
    ...endpointGoalTargets.map((target) =>
      row(target, `bench/service-endpoints.ts / ${target.measure.kind === 'step' ? target.measure.step : ''}: p95`),
    ),
    '',
  ];
}

export function renderTargetsDoc(): string {
  const tables = Object.entries(specTableTitles) as [TargetDefinition['table'], string][];
  const sections = tables.flatMap(([id, title]) => {
    const rows = judgedTargets.filter((target) => target.table === id);
    if (rows.length === 0) return [];
    return [`## ${title}`, '', ...header, ...rows.map((target) => row(target, where(target.measure))), ''];
  });
  return [
    '# Targets',
    '',
    '<!-- Written by `npx tsx scripts/write-targets-doc.ts` from src/harness/targets; a test keeps it current. -->',
    '',
    "Every figure a run is judged on: the spec's own tables (its targets and the figures it claims",
    'to have achieved), and the goals this project sets itself beyond them, kept apart. "Held to" is',
    'the bound a row\'s 95% interval is judged against (README, "Reading a verdict"); "Measured at"',
    'names the scenario, step and figure of the result document it is read from.',
    '',
    'These rows are the only pass/fail numbers: a scenario carries none. The k6 thresholds of a step',
    '(`-e LIMITS`) are the rows of that step that bound a figure k6 measures (mean, median, p95, p99,',
    'error rate), and the capacity search (`--scenario breakpoint`) holds each level to the',
    'concurrent-users project goals (src/harness/targets/step-limits.ts).',
    '',
    ...sections,
    ...benchGoalsSection(),
  ].join('\n');
}
