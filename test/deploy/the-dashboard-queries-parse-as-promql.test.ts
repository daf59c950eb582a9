import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { allPanels, readDashboard } from './dashboard-queries.js';
import { promtoolAvailable } from '../helpers/promtool.js';

const directory = mkdtempSync(join(tmpdir(), 'dashboard-promql-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** What Grafana puts in place of its variables before a query reaches Prometheus. */
const asGrafanaSends = (expr: string) =>
  expr
    .replaceAll('$__rate_interval', '1m')
    .replaceAll('$__range', '1h')
    .replaceAll('$instance', '.*')
    .replaceAll('$route', '.*');

it.skipIf(!promtoolAvailable("the dashboard queries' PromQL check"))(
  'gives Prometheus only expressions that parse (promtool checks them as recording rules)',
  () => {
    const rules = allPanels(readDashboard()).flatMap((panel) =>
      (panel.targets ?? []).map((target, index) => ({
        record: `dashboard:panel_${panel.title?.replace(/\W+/g, '_') ?? ''}:${index}`,
        expr: asGrafanaSends(target.expr ?? ''),
      })),
    );
    expect(rules.length).toBeGreaterThan(0);
    const file = join(directory, 'dashboard.rules.yml');
    writeFileSync(file, stringify({ groups: [{ name: 'dashboard', rules }] }));
    const run = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
    expect(
      run.status,
      run.error
        ? `cannot run promtool (apt-get install prometheus): ${run.error.message}`
        : `${run.stdout}${run.stderr}`,
    ).toBe(0);
  },
);
