/** The PromQL of deploy/grafana/dashboards/referral-service.json, and the metric names it reads. */
import { readFileSync } from 'node:fs';

interface Target {
  readonly expr?: string;
  readonly datasource?: { readonly uid?: string };
}
interface Panel {
  readonly title?: string;
  readonly type?: string;
  readonly datasource?: { readonly uid?: string };
  readonly targets?: Target[];
  readonly panels?: Panel[];
}
interface Variable {
  readonly name: string;
  readonly datasource?: { readonly uid?: string };
  readonly query?: { readonly query?: string };
}
export interface Dashboard {
  readonly schemaVersion: number;
  readonly panels: Panel[];
  readonly templating: { readonly list: Variable[] };
}

const file = new URL('../../deploy/grafana/dashboards/referral-service.json', import.meta.url);

export function readDashboard(): Dashboard {
  return JSON.parse(readFileSync(file, 'utf8')) as Dashboard;
}

/** Every panel, those inside collapsed rows included. */
export function allPanels(dashboard: Dashboard): Panel[] {
  return dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
}

/** Each query with where it is: the panels' expressions and the variables' label_values queries. */
export function dashboardQueries(dashboard: Dashboard): { readonly where: string; readonly query: string }[] {
  return [
    ...allPanels(dashboard).flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({ where: `panel "${panel.title ?? ''}"`, query: target.expr ?? '' })),
    ),
    ...dashboard.templating.list.map((variable) => ({
      where: `variable $${variable.name}`,
      query: variable.query?.query ?? '',
    })),
  ];
}

const notMetrics: ReadonlySet<string> = new Set([
  'bool',
  'offset',
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression (or a Grafana `label_values(metric, label)`) selects: what is
 * left once strings, label matchers, ranges and grouping lists are removed, less function calls,
 * keywords, numbers and Grafana's `$` variables.
 */
export function metricNames(query: string): string[] {
  const labelValues = /^\s*label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(query);
  if (labelValues?.[1]) return [labelValues[1]];
  const stripped = query
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const before = stripped[match.index - 1] ?? ' ';
    const after = stripped.slice(match.index + match[0].length).trimStart();
    if (/[$\d.]/.test(before) || after.startsWith('(') || notMetrics.has(match[0].toLowerCase())) continue;
    names.add(match[0]);
  }
  return [...names];
}
