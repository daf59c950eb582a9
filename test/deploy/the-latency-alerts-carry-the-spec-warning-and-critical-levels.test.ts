import { expect, it } from 'vitest';
import { alertThresholdTargets } from '../../src/harness/targets/spec/alert-thresholds.targets.js';
import { comparedLevel, readAlertRules } from './alert-rules.js';

it("has a warning and a critical rule per row of the spec's Alert Thresholds table, at its levels, on its query type", () => {
  const rules = readAlertRules();
  for (const row of alertThresholdTargets) {
    if (row.measure.kind !== 'step') throw new Error(`${row.id} is not measured on a step`);
    // The operations scenario's step is named after the route whose operation has this query type.
    const queryType = row.measure.step.replaceAll('-', '_');
    const level = (severity: string) => {
      const matching = rules.filter(
        (rule) => rule.labels.query_type === queryType && rule.labels.severity === severity,
      );
      expect(matching, `${row.id} ${severity}`).toHaveLength(1);
      expect(matching[0]?.expr).toContain(`query_type="${queryType}"`);
      return matching[0] && comparedLevel(matching[0]);
    };
    expect(level('warning'), row.id).toBe((row.warning ?? Number.NaN) / 1000);
    expect(level('critical'), row.id).toBe(row.target / 1000);
  }
});
