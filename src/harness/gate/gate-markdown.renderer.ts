/**
 * gate.md: the gate as a pull-request comment. The verdict first, then one row per metric with
 * the change estimate, its interval, the pairs and p-values, and a text strip of the pairs'
 * log-ratios (a PR comment cannot run JavaScript).
 */
import type { MetricDecision, PairedMetric } from './decide-pairs.js';
import type { GateReport } from './gate-report.js';
import { renderStrip, stripScale, worsePct } from './log-ratio-strip.js';

/** A hidden marker, so a CI job can find and update its own earlier comment. */
export const gateCommentMarker = '<!-- referral-bench-gate -->';

const icons: Readonly<Record<GateReport['outcome']['verdict'], string>> = {
  'no regression': '✅',
  regression: '❌',
  inconclusive: '➖',
  failed: '⛔',
};

/** Three significant figures at most, never exponent notation. */
function number(value: number): string {
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return Number(value.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits });
}

function signed(pct: number): string {
  if (!Number.isFinite(pct)) return '-';
  return `${pct > 0 ? '+' : pct < 0 ? '−' : '±'}${number(Math.abs(pct))}%`;
}

/** An alpha as typed or split: 0.01, 0.0033. */
const alphaText = (alpha: number): string => String(Number(alpha.toPrecision(2)));

const detectable = (pct: number): string => (Number.isFinite(pct) ? `${number(pct)}%` : 'unknown (too few pairs)');

function pValue(p: number): string {
  if (p < 0.0001) return '<0.0001';
  return p < 0.01 ? p.toFixed(4) : p.toFixed(3);
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function escape(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function duration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${Math.round(seconds % 60)} s` : `${Math.round(seconds)} s`;
}

function metricRow(decision: MetricDecision, series: PairedMetric | undefined, scalePct: number): string {
  const baseMedian = median(series?.pairs.map((pair) => pair.base) ?? []);
  const headMedian = median(series?.pairs.map((pair) => pair.head) ?? []);
  const unit = decision.unit;
  const figure = (value: number | undefined) => (value === undefined ? '-' : `${number(value)} ${unit}`);
  const interval =
    decision.lowerPct === undefined || decision.upperPct === undefined
      ? '-'
      : `${signed(decision.lowerPct)} … ${signed(decision.upperPct)}`;
  const worse = (series?.pairs ?? [])
    .map((pair) => worsePct(pair, series?.higherIsBetter ?? false))
    .filter((value): value is number => value !== undefined);
  return (
    `| ${escape(decision.id)} | ${figure(baseMedian)} | ${figure(headMedian)} | ${signed(decision.changePct)} | ${interval} | ${decision.pairs} ` +
    `| ${pValue(decision.adjustedPRegression)} | ${pValue(decision.adjustedPNoRegression)} | ${decision.verdict} | \`${renderStrip(worse, scalePct)}\` |`
  );
}

/** The comment's Markdown. */
export function renderGateMarkdown(report: GateReport): string {
  const { outcome, settings, decision } = report;
  const lines: string[] = [
    gateCommentMarker,
    `## ${icons[outcome.verdict]} Benchmark gate: ${outcome.verdict}`,
    '',
    escape(outcome.headline),
    '',
    report.aa
      ? `A/A: \`${report.head.commit.slice(0, 12)}\` (${escape(report.head.ref)}) on both sides`
      : `base \`${report.base.commit.slice(0, 12)}\` (${escape(report.base.ref)}) → head \`${report.head.commit.slice(0, 12)}\` (${escape(report.head.ref)})`,
    `${report.pairs.length} pairs of ${settings.pairSeconds} s at ${settings.ratePerSecond} req/s, ${settings.referrals.toLocaleString('en-US')} referrals, ` +
      `margin ${settings.marginPct}%, α ${settings.alpha}${settings.looks > 1 ? ` (${alphaText(settings.alphaPerLook)} at each of up to ${settings.looks} looks)` : ''}, ${duration(report.wallSeconds)}`,
  ];
  if (report.head.testDelay)
    lines.push(
      `Calibration: the head ran with a test delay of ${report.head.testDelay.ms} ms on ${escape(report.head.testDelay.route)}.`,
    );
  if (report.guardrails.length > 0) {
    lines.push(
      '',
      '### Guardrails',
      '',
      ...report.guardrails.map((guardrail) => `- ⛔ ${escape(guardrail.message)} (exit ${guardrail.exitCode})`),
    );
  }
  if (decision) {
    const byId = new Map(report.metrics.map((metric) => [metric.id, metric]));
    const allWorse = report.metrics
      .flatMap((metric) => metric.pairs.map((pair) => worsePct(pair, metric.higherIsBetter)))
      .filter((value): value is number => value !== undefined);
    const scalePct = stripScale(allWorse, settings.marginPct);
    lines.push(
      '',
      `| metric | base (median) | head (median) | change (+ is worse) | 95% interval | pairs | p regression | p no regression | verdict | pairs' log-ratios, −${number(scalePct)}% … +${number(scalePct)}% |`,
      '|---|---:|---:|---:|---:|---:|---:|---:|---|---|',
      ...decision.metrics.map((metric) => metricRow(metric, byId.get(metric.id), scalePct)),
      '',
      `Change: the head against the base, the Hodges-Lehmann estimate of the pairs' log-ratios, positive when the head is worse ` +
        `(slower); the interval is its exact 95% signed-rank interval. ` +
        `p-values (one-sided signed-rank tests against the ${settings.marginPct}% margin) are Holm-adjusted over the ${decision.metrics.length} metrics; ` +
        `a verdict needs one at or below ${alphaText(decision.alpha)}. ` +
        `Strip: a histogram of the pairs' log-ratios (100 × ln of head/base, ≈ % for small changes), worse to the right, \`│\` at zero, values past the scale in the end cells. ` +
        `Smallest regression this run could have detected (80% power): ${detectable(Math.max(...decision.metrics.map((metric) => metric.detectablePct)))}.`,
    );
  }
  if (report.looks.length > 1)
    lines.push(
      '',
      `Decisions: ${report.looks.map((look) => `${look.verdict} after ${look.pairs} pairs`).join(', then ')}.`,
    );
  lines.push('', '<sub>referral-bench gate · raw pairs in gate.json</sub>', '');
  return lines.join('\n');
}
