import { expect, it } from 'vitest';
import { allPanels, readDashboard } from './dashboard-queries.js';

// The Prometheus datasource is provisioned with this uid; a name or a default would bind to whatever a Grafana calls it.
const uid = 'prometheus';

it('names the Prometheus datasource by its uid in every panel, query and variable', () => {
  const dashboard = readDashboard();
  const panels = allPanels(dashboard).filter((panel) => panel.type !== 'row');
  expect(panels.length).toBeGreaterThan(0);
  for (const panel of panels) {
    expect(panel.datasource?.uid, `panel "${panel.title ?? ''}"`).toBe(uid);
    for (const target of panel.targets ?? [])
      expect(target.datasource?.uid, `a query of panel "${panel.title ?? ''}"`).toBe(uid);
  }
  for (const variable of dashboard.templating.list)
    expect(variable.datasource?.uid, `variable $${variable.name}`).toBe(uid);
});
