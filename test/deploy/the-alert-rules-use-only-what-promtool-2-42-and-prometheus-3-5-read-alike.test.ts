import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// CI checks the rules with Debian bookworm's promtool (Prometheus 2.42); compose runs Prometheus
// 3.5. The rule files stay within what both read the same way, so the check holds for both.
const root = new URL('../../', import.meta.url);
const read = (path: string): unknown => parse(readFileSync(new URL(path, root), 'utf8'));
const rules = read('deploy/prometheus/rules/referral-alerts.yml') as {
  groups: Array<Record<string, unknown> & { rules: Array<Record<string, unknown> & { expr: string }> }>;
};
const unitTests = read('deploy/prometheus/rules/referral-alerts.test.yml') as {
  tests: Array<{ input_series: Array<{ series: string; values: string }> }>;
};
const compose = read('docker-compose.yml') as { services: Record<string, { image?: string }> };

describe('the alert rules, for promtool 2.42 and Prometheus 3.5 alike', () => {
  it('are the rules of the Prometheus 3 the compose file runs', () => {
    expect(compose.services.prometheus?.image).toMatch(/^prom\/prometheus:v3\.5\.\d+$/);
  });

  it('use only the rule-file fields both versions know', () => {
    for (const group of rules.groups) {
      expect(Object.keys(group).filter((key) => !['name', 'interval', 'limit', 'rules'].includes(key))).toEqual([]);
      for (const rule of group.rules)
        expect(
          Object.keys(rule).filter((key) => !['alert', 'record', 'expr', 'for', 'labels', 'annotations'].includes(key)),
          String(rule.alert),
        ).toEqual([]);
    }
  });

  it.each(rules.groups.flatMap((group) => group.rules.map((rule) => [String(rule.alert), rule.expr] as const)))(
    '%s: an expression whose meaning 3.0 did not change',
    (_alert, expr) => {
      // 3.0: a regex's `.` also matches a newline.
      expect(expr).not.toMatch(/[=!]~/);
      // 3.0: quoted (UTF-8) metric names, which 2.42 cannot parse.
      expect(expr).not.toMatch(/\{\s*"/);
      // 3.0: classic histograms' le and summaries' quantile values are normalized ("1" -> "1.0").
      expect(expr).not.toMatch(/\b(le|quantile)\s*!?=/);
      // 3.0 renamed holt_winters; the rest are experimental in one and missing from 2.42.
      expect(expr).not.toMatch(
        /\b(holt_winters|double_exponential_smoothing|info|sort_by_label|sort_by_label_desc|limitk|limit_ratio|mad_over_time|first_over_time|ts_of_\w+)\s*\(/,
      );
      // Negative offsets need a feature flag in 2.x.
      expect(expr).not.toMatch(/\boffset\s+-/);
    },
  );

  it('are unit-tested on counters that grow linearly, whose rates the left-open windows of 3.0 leave unchanged', () => {
    const counters = unitTests.tests
      .flatMap((test) => test.input_series)
      .filter(({ series }) => /_(total|sum|count|bucket)\{/.test(series));
    expect(counters.length).toBeGreaterThan(0);
    for (const { series, values } of counters) expect(values, series).toMatch(/^\d+(\.\d+)?(\+\d+(\.\d+)?)?x\d+$/);
  });
});
