import { expect, it } from 'vitest';
import { parsePrometheusText } from '../../src/harness/measure/metrics-scrape.js';
import { createPromMetrics } from '../../src/service/metrics/prom-metrics.js';
import { comparedLevel, readAlertRules } from './alert-rules.js';

it('compares each p95 with a level the histogram has a bucket boundary at, so the comparison is exact', async () => {
  const metrics = createPromMetrics({ pool: { totalCount: 0, idleCount: 0, waitingCount: 0 }, poolMax: 1 });
  metrics.observeOperation('student_profile', '00000000-0000-4000-8000-000000000000', 1, null);
  metrics.observeRequest('/health', 'GET', 200, 0.001);
  const samples = parsePrometheusText(await metrics.render());

  const quantileRules = readAlertRules().filter((rule) => rule.expr.includes('histogram_quantile('));
  expect(quantileRules.length).toBeGreaterThan(0);
  for (const rule of quantileRules) {
    const histogram = /([a-z_]+)_bucket\b/.exec(rule.expr)?.[1];
    const boundaries = samples
      .filter((sample) => sample.name === `${histogram}_bucket`)
      .map((sample) => Number(sample.labels.le));
    expect(boundaries.length, `${rule.alert} ${JSON.stringify(rule.labels)} reads ${histogram}`).toBeGreaterThan(0);
    expect(boundaries, `${rule.alert} ${JSON.stringify(rule.labels)}`).toContain(comparedLevel(rule));
  }
});
